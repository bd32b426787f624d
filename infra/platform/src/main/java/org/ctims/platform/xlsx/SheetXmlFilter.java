package org.ctims.platform.xlsx;

import org.apache.poi.ss.util.CellReference;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.AttributesImpl;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Puts a sheet's XML, as tools other than Excel write it, into the shape POI's streaming handler
 * reads in full: a cell without its optional {@code r} reference (the schema allows it; the
 * handler would report it without a position) gets the one Excel gives it — the next column of
 * its row — and the phonetic guides of an inline string ({@code <is><rPh><t>…}) are left out,
 * so the cell reads as its text alone, as a shared string does.
 */
final class SheetXmlFilter extends XMLFilterImpl {

    private static final String SPREADSHEETML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private int row = -1;
    private int column = -1;
    private int phoneticDepth;

    SheetXmlFilter(XMLReader parent) {
        super(parent);
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
        if (phoneticDepth > 0) {
            phoneticDepth++;
            return;
        }
        if (SPREADSHEETML.equals(uri)) {
            switch (localName) {
                case "rPh" -> {
                    phoneticDepth = 1;
                    return;
                }
                case "row" -> {
                    String r = atts.getValue("r");
                    row = r == null ? row + 1 : Integer.parseInt(r.trim()) - 1;
                    column = -1;
                }
                case "c" -> {
                    String r = atts.getValue("r");
                    if (r == null) {
                        column++;
                        AttributesImpl withReference = new AttributesImpl(atts);
                        withReference.addAttribute("", "r", "r", "CDATA", new CellReference(Math.max(row, 0), column).formatAsString(false));
                        super.startElement(uri, localName, qName, withReference);
                        return;
                    }
                    column = new CellReference(r).getCol();
                }
                default -> {
                }
            }
        }
        super.startElement(uri, localName, qName, atts);
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        if (phoneticDepth > 0) {
            phoneticDepth--;
            return;
        }
        super.endElement(uri, localName, qName);
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        if (phoneticDepth == 0) {
            super.characters(ch, start, length);
        }
    }
}
