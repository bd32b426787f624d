package org.ctims.local.demo;

import java.util.List;

/**
 * The demo Approved Assessment Lists: about forty industry certifications a state would approve
 * for CTE students, each with its vendor and career cluster codes as seeded by the certification
 * service. The 2025-2026 list differs from the 2018-2019 one the way real lists do: a few
 * assessments were dropped, a few added.
 */
public final class DemoAssessments {

    /** School years (by their end year) that get a list. */
    public static final List<Integer> YEAR_ENDS = List.of(2019, 2026);

    private static final int ALWAYS = 0;

    /** number, name, vendor, clusters ("; "-separated codes), first and last end year on the list (0 = always). */
    private static final List<Entry> ENTRIES = List.of(
            new Entry("1001", "Microsoft Office Specialist: Word Associate", "Certiport", "BA", ALWAYS, ALWAYS),
            new Entry("1002", "Microsoft Office Specialist: Excel Associate", "Certiport", "BA; FN", ALWAYS, ALWAYS),
            new Entry("1003", "Microsoft Office Specialist: PowerPoint Associate", "Certiport", "BA", ALWAYS, ALWAYS),
            new Entry("1010", "Intuit QuickBooks Certified User", "Certiport", "FN", ALWAYS, ALWAYS),
            new Entry("1020", "Entrepreneurship and Small Business", "Certiport", "BA; MK", ALWAYS, ALWAYS),
            new Entry("1030", "ASK Fundamental Marketing Concepts", "MBA Research (A*S*K Institute)", "MK", ALWAYS, ALWAYS),
            new Entry("1031", "RISE Up Retail Industry Fundamentals", "NRF Foundation", "MK", ALWAYS, ALWAYS),
            new Entry("1040", "Personal Financial Literacy", "W!SE", "FN", ALWAYS, ALWAYS),
            new Entry("2001", "CompTIA A+", "CompTIA", "IT", ALWAYS, ALWAYS),
            new Entry("2003", "CompTIA Network+", "CompTIA", "IT", ALWAYS, ALWAYS),
            new Entry("2004", "CompTIA Security+", "CompTIA", "IT", ALWAYS, ALWAYS),
            new Entry("2005", "CompTIA IT Fundamentals+ (ITF+)", "CompTIA", "IT", ALWAYS, 2019),
            new Entry("2006", "CompTIA Tech+", "CompTIA", "IT", 2026, ALWAYS),
            new Entry("2010", "Cisco Certified Entry Networking Technician (CCENT)", "Cisco", "IT", ALWAYS, 2019),
            new Entry("2011", "Cisco Certified Support Technician: Networking", "Cisco", "IT", 2026, ALWAYS),
            new Entry("2012", "Cisco Certified Support Technician: Cybersecurity", "Cisco", "IT; LW", 2026, ALWAYS),
            new Entry("2020", "Adobe Certified Professional: Photoshop", "Adobe", "AR", ALWAYS, ALWAYS),
            new Entry("2021", "Adobe Certified Professional: Premiere Pro", "Adobe", "AR", ALWAYS, ALWAYS),
            new Entry("2030", "Autodesk Certified User: AutoCAD", "Autodesk", "AC; MN", ALWAYS, ALWAYS),
            new Entry("2031", "Autodesk Certified User: Revit Architecture", "Autodesk", "AC", ALWAYS, ALWAYS),
            new Entry("3001", "Certified Nurse Aide (CNA)", "State Department of Health", "HL", ALWAYS, ALWAYS),
            new Entry("3002", "Emergency Medical Responder (EMR)", "National Registry of EMTs", "HL; LW", ALWAYS, ALWAYS),
            new Entry("3003", "Certified Clinical Medical Assistant (CCMA)", "National Healthcareer Association", "HL", ALWAYS, ALWAYS),
            new Entry("3004", "Pharmacy Technician Certification (ExCPT)", "National Healthcareer Association", "HL", ALWAYS, ALWAYS),
            new Entry("3005", "Certified Phlebotomy Technician (CPT)", "National Healthcareer Association", "HL", ALWAYS, ALWAYS),
            new Entry("3006", "Basic Life Support (BLS) Provider", "American Heart Association", "HL", ALWAYS, ALWAYS),
            new Entry("4001", "ServSafe Food Handler", "National Restaurant Association", "HT", ALWAYS, ALWAYS),
            new Entry("4002", "ServSafe Manager", "National Restaurant Association", "HT", ALWAYS, ALWAYS),
            new Entry("4003", "ProStart National Certificate of Achievement", "National Restaurant Association Educational Foundation", "HT", ALWAYS, ALWAYS),
            new Entry("5001", "NCCER Core Curriculum", "NCCER", "AC", ALWAYS, ALWAYS),
            new Entry("5002", "NCCER Electrical Level 1", "NCCER", "AC; EN", ALWAYS, ALWAYS),
            new Entry("5003", "NCCER Carpentry Level 1", "NCCER", "AC", ALWAYS, ALWAYS),
            new Entry("5004", "OSHA 10-Hour Construction Industry", "OSHA Training Institute", "AC; MN", ALWAYS, ALWAYS),
            new Entry("5005", "AWS SENSE Level 1: Entry Welder", "American Welding Society", "MN", ALWAYS, ALWAYS),
            new Entry("5006", "ASE Entry-Level Automobile: Maintenance and Light Repair", "ASE Education Foundation", "TD", ALWAYS, ALWAYS),
            new Entry("5008", "MSSC Certified Production Technician (CPT)", "Manufacturing Skill Standards Council", "MN", ALWAYS, ALWAYS),
            new Entry("6001", "Elanco Fundamentals of Animal Science", "Elanco", "AG", ALWAYS, ALWAYS),
            new Entry("6002", "Elanco Veterinary Medical Applications", "Elanco", "AG", ALWAYS, ALWAYS),
            new Entry("6003", "Private Pesticide Applicator", "State Department of Agriculture", "AG", ALWAYS, ALWAYS),
            new Entry("7501", "Child Development Associate (CDA)", "Council for Professional Recognition", "ED; HU", ALWAYS, ALWAYS),
            new Entry("7503", "Early Childhood Education (Pre-Pac)", "AAFCS", "ED", ALWAYS, ALWAYS),
            new Entry("7504", "Education Fundamentals (Pre-Pac)", "AAFCS", "ED", ALWAYS, ALWAYS),
            new Entry("7505", "Culinary Arts (Pre-Pac)", "AAFCS", "HT", ALWAYS, ALWAYS),
            new Entry("7506", "Nutrition, Food and Wellness (Pre-Pac)", "AAFCS", "HU; HL", ALWAYS, ALWAYS),
            new Entry("7520", "Firefighter I", "IFSAC", "LW", ALWAYS, ALWAYS),
            new Entry("8001", "Certified SOLIDWORKS Associate (CSWA)", "Dassault Systemes", "ST; MN", ALWAYS, ALWAYS),
            new Entry("8010", "NABCEP PV Associate", "NABCEP", "EN", 2026, ALWAYS),
            new Entry("8020", "FAA Part 107 Remote Pilot", "Federal Aviation Administration", "TD; ST", 2026, ALWAYS));

    private DemoAssessments() {
    }

    /** The list of the school year ending in {@code endYear}. */
    static List<Entry> of(int endYear) {
        return ENTRIES.stream()
                .filter(e -> (e.from() == ALWAYS || e.from() <= endYear) && (e.until() == ALWAYS || endYear <= e.until()))
                .toList();
    }

    /** One row of the list. */
    record Entry(String number, String name, String vendor, String clusters, int from, int until) {
    }
}
