package org.ctims.certification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.ctims.certification.testdata.Api;
import org.ctims.certification.testdata.AssessmentListWorkbook;
import org.ctims.certification.testdata.SeededClusters;
import org.ctims.certification.catalog.CareerCluster;
import org.ctims.testing.RealInfrastructure;
import org.ctims.testing.service.AuthorizationMatrix;
import org.ctims.testing.service.AuthorizationMatrix.Body;
import org.ctims.testing.service.HostileInput;
import org.ctims.testing.service.ServiceStartupChecks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service's startup checks (schema, health, 401, OpenAPI; inherited) and the catalog end to
 * end on the real PostgreSQL and Kafka, in one Spring context: state staff preview and commit lists,
 * teachers search them, bad files and bad rows change nothing, and every change reaches the
 * compacted topic exactly once in the published schema. Each test works in its own school year.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
@TestPropertySource(properties = {
        "ctims.certification.catalog-topic=certification.catalog.v1${ctims.test.topic-suffix}",
        "ctims.certification.imports.max-file-size=1MB"})
class CatalogIntegrationTests extends ServiceStartupChecks {

    static final JsonMapper json = JsonMapper.builder().build();
    static final String IMPORTS = "/api/certifications/catalog-imports";

    @Value("${ctims.certification.catalog-topic}")
    String topic;

    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    Api api;
    String state;
    String teacher;

    @Override
    protected String schema() {
        return "certification";
    }

    @Override
    protected String apiPrefix() {
        return "/api/certifications";
    }

    @BeforeEach
    void setUp() {
        api = new Api(port);
        state = tokens.stateAdmin();
        teacher = tokens.teacher("700001", "10001");
    }

    @Test
    void everyYearFrom2018ThroughTheCurrentOneHasTheSeventeenClusters() {
        LocalDate today = LocalDate.now();
        int current = today.getMonthValue() >= 7 ? today.getYear() : today.getYear() - 1;
        for (String year : List.of("2018-2019", current + "-" + (current + 1))) {
            Api.Response clusters = api.get("/api/certifications/clusters?year=" + year, teacher);
            assertThat(clusters.status()).as(clusters.toString()).isEqualTo(200);
            List<CareerCluster> listed = new ArrayList<>();
            clusters.json().forEach(c -> listed.add(new CareerCluster(c.get("code").asString(), c.get("name").asString())));
            assertThat(listed).containsExactlyElementsOf(SeededClusters.ALL);
            assertThat(clusters.json().get(4).get("label").asString()).isEqualTo("Education & Training - ED");
        }
        assertThat(api.get("/api/certifications/clusters?year=2017-2018", teacher).status()).isEqualTo(404);
    }

    @Test
    void stateStaffPreviewAndCommitAListThatTeachersThenFind() {
        String year = "2019-2020";
        byte[] first = AssessmentListWorkbook.standard()
                .row(7503, "Early Childhood Education (Pre-Pac)", "Pre-Pac", "Education & Training - ED")
                .row(7504, "Child Development Associate", "Council for Professional Recognition", "ED; HU")
                .row(8300, "Certified Nursing Assistant", "Prometric", "HL")
                .row(8301, "Pâtisserie Basics", "NOCTI", "HT")
                .bytes();

        Api.Response preview = api.upload(IMPORTS + "?year=" + year + "&dryRun=true", state, "ApprovedAssessmentsList_2019.xlsx", first);
        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        assertThat(preview.json().get("valid").asBoolean()).isTrue();
        assertThat(preview.json().get("committed").asBoolean()).isFalse();
        assertThat(preview.json().get("counts").get("added").asInt()).isEqualTo(4);
        assertThat(search(year, "educ")).isEmpty(); // a preview changes nothing
        assertThat(imports(year)).isEmpty();

        Api.Response commit = api.upload(IMPORTS + "?year=" + year, state, "ApprovedAssessmentsList_2019.xlsx", first);
        assertThat(commit.status()).as(commit.toString()).isEqualTo(201);
        assertThat(commit.json().get("counts").get("added").asInt()).isEqualTo(4);

        List<JsonNode> found = search(year, "educ");
        assertThat(found).extracting(r -> r.get("label").asString())
                .containsExactly("Early Childhood Education (Pre-Pac) - 7503");
        assertThat(found.get(0).get("clusters").get(0).get("label").asString()).isEqualTo("Education & Training - ED");
        assertThat(search(year, "75")).extracting(r -> r.get("number").asString()).containsExactly("7503", "7504");
        assertThat(search(year, "nursng")).extracting(r -> r.get("number").asString()).containsExactly("8300");
        assertThat(search(year, "PATISSERIE")).extracting(r -> r.get("number").asString()).containsExactly("8301");
        assertThat(search(year, "child DEVELOPMENT")).extracting(r -> r.get("clusters").size()).containsExactly(2);

        byte[] second = AssessmentListWorkbook.standard()
                .row(7503, "Early Childhood Education (Pre-Pac)", "Pre-Pac", "ED")
                .row(7504, "Child Development Associate (CDA)", "Council for Professional Recognition", "ED; HU")
                .row(7600, "Teaching Assistant", "NOCTI", "ED")
                .row(8301, "Pâtisserie Basics", "NOCTI", "HT")
                .bytes();
        Api.Response replace = api.upload(IMPORTS + "?year=" + year, state, "ApprovedAssessmentsList_2019b.xlsx", second);
        assertThat(replace.status()).as(replace.toString()).isEqualTo(201);
        JsonNode counts = replace.json().get("counts");
        assertThat(List.of(counts.get("added").asInt(), counts.get("changed").asInt(), counts.get("retired").asInt(),
                counts.get("unchanged").asInt())).containsExactly(1, 1, 1, 2);
        assertThat(replace.json().get("retired").get(0).get("number").asString()).isEqualTo("8300");

        assertThat(search(year, "nursing")).isEmpty();
        Api.Response retired = api.get("/api/certifications/assessments/" + year + "/8300", teacher);
        assertThat(retired.status()).isEqualTo(200);
        assertThat(retired.json().get("retired").asBoolean()).isTrue();
        assertThat(retired.json().get("name").asString()).isEqualTo("Certified Nursing Assistant");
        assertThat(search(year, "7504")).extracting(r -> r.get("name").asString())
                .containsExactly("Child Development Associate (CDA)");
        assertThat(api.get("/api/certifications/assessments/" + year + "/9999", teacher).status()).isEqualTo(404);

        List<JsonNode> log = imports(year);
        assertThat(log).extracting(i -> i.get("fileName").asString())
                .containsExactly("ApprovedAssessmentsList_2019b.xlsx", "ApprovedAssessmentsList_2019.xlsx");
        assertThat(log.get(0).get("importedBy").asString()).isEqualTo("state");
        assertThat(log.get(0).get("retired").asInt()).isEqualTo(1);
    }

    @Test
    void aListWithInvalidRowsIsPreviewedWithItsErrorsAndRefusedOnCommit() {
        String year = "2020-2021";
        commit(year, AssessmentListWorkbook.standard().row(7503, "Early Childhood Education", "Pre-Pac", "ED").bytes());
        byte[] invalid = AssessmentListWorkbook.standard()
                .row(7503, "Early Childhood Education", "Pre-Pac", "ED")
                .row(7504, "Child Development Associate", "CPR", "Underwater Basket Weaving")
                .row(null, "No number", "CPR", "ED")
                .row(7503, "Duplicate", "CPR", "ED")
                .bytes();

        Api.Response preview = api.upload(IMPORTS + "?year=" + year + "&dryRun=true", state, "bad.xlsx", invalid);
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.json().get("valid").asBoolean()).isFalse();
        List<String> previewErrors = rowErrors(preview.json().get("errors"));
        assertThat(previewErrors).containsExactly("3 Career Cluster", "4 Assessment Number", "5 Assessment Number");

        Api.Response refused = api.upload(IMPORTS + "?year=" + year, state, "bad.xlsx", invalid);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asString()).isEqualTo("urn:ctims:problem:invalid-assessment-list");
        assertThat(rowErrors(refused.json().get("errors"))).isEqualTo(previewErrors);
        assertThat(refused.json().get("errors").get(0).get("reason").asString()).contains("Underwater Basket Weaving");

        assertThat(search(year, "")).extracting(r -> r.get("number").asString()).containsExactly("7503");
        assertThat(imports(year)).hasSize(1);
    }

    @Test
    void filesThatAreNotReadableListsAreRefusedWithProblemDetailsAndChangeNothing() {
        String year = "2021-2022";
        commit(year, AssessmentListWorkbook.standard().row(7503, "Early Childhood Education", "Pre-Pac", "ED").bytes());
        byte[] list = AssessmentListWorkbook.standard().row(9999, "Should never appear", "X", "ED").bytes();
        Map<String, byte[]> bad = Map.of(
                "415 unsupported-file-type", "number,name\n9999,Should never appear\n".getBytes(StandardCharsets.UTF_8),
                "415 unsupported-file-type ", AssessmentListWorkbook.standard().row(9999, "Old", "X", "ED").xlsBytes(),
                "422 encrypted-workbook", AssessmentListWorkbook.standard().row(9999, "Secret", "X", "ED").encryptedBytes("pw"),
                "422 corrupt-workbook", AssessmentListWorkbook.truncated(),
                "422 suspicious-workbook", AssessmentListWorkbook.zipBomb(40),
                "413 payload-too-large", new byte[1024 * 1024 + 10]);
        bad.forEach((expected, content) -> {
            for (String dryRun : List.of("true", "false")) {
                Api.Response response = api.upload(IMPORTS + "?year=" + year + "&dryRun=" + dryRun, state, "list.xlsx", content);
                assertThat(response.status() + " " + response.json().get("type").asString().replace("urn:ctims:problem:", ""))
                        .as(response.toString()).isEqualTo(expected.strip());
                assertThat(response.contentType()).startsWith("application/problem+json");
            }
        });
        assertThat(api.upload(IMPORTS + "?year=" + year, state, "list.xlsx", list).status()).isEqualTo(201);
        assertThat(imports(year)).hasSize(2); // the first list and the last one only
    }

    @Test
    void onlyStateStaffImportLists() {
        byte[] list = AssessmentListWorkbook.standard().row(9999, "Should never appear", "X", "ED").bytes();
        String year = "2023-2024";
        for (String token : List.of(teacher, tokens.schoolAdmin("10001"), tokens.client("sis-connector", "sis-integration"))) {
            Api.Response response = api.upload(IMPORTS + "?year=" + year, token, "list.xlsx", list);
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        assertThat(api.upload(IMPORTS + "?year=" + year, null, "list.xlsx", list).status()).isEqualTo(401);
        assertThat(api.get(IMPORTS, teacher).status()).isEqualTo(403);
        assertThat(search(year, "never")).isEmpty();
    }

    @Test
    void itsOpenApiDocumentListsTheCatalogEndpoints() {
        String apiDocs = api.get("/v3/api-docs", null).text();
        assertThat(apiDocs).contains("\"/api/certifications/assessments\"", "\"/api/certifications/assessments/{year}/{number}\"",
                "\"/api/certifications/clusters\"", "\"/api/certifications/catalog-imports\"",
                "\"/api/certifications/catalog-exports/{year}\"");
    }

    @Test
    void badSearchParametersAreRefusedWithProblemDetails() {
        for (String query : List.of("year=2018", "year=2018-2020", "year=2018-2019&q=" + "x".repeat(101),
                "year=2018-2019&limit=0", "year=2018-2019&limit=51", "q=educ")) {
            Api.Response response = api.get("/api/certifications/assessments?" + query, teacher);
            assertThat(response.status()).as(query + " -> " + response).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        assertThat(api.upload(IMPORTS + "?year=2018-2020", state, "list.xlsx", new byte[10]).status()).isEqualTo(400);
        assertThat(api.get("/api/certifications/assessments?year=2018-2019", null).status()).isEqualTo(401);
    }

    @Test
    void aYearsFirstListStartsItWithThePreviousYearsClusters() {
        LocalDate today = LocalDate.now();
        int next = (today.getMonthValue() >= 7 ? today.getYear() : today.getYear() - 1) + 1;
        String year = next + "-" + (next + 1);
        byte[] list = AssessmentListWorkbook.standard().row(7503, "Early Childhood Education", "Pre-Pac", "Energy").bytes();
        assertThat(api.upload(IMPORTS + "?year=" + year + "&dryRun=true", state, "next.xlsx", list).status()).isEqualTo(200);
        assertThat(api.get("/api/certifications/clusters?year=" + year, teacher).status()).isEqualTo(404);

        commit(year, list);
        assertThat(api.get("/api/certifications/clusters?year=" + year, teacher).json()).hasSize(17);
        assertThat(search(year, "early")).hasSize(1);
        String tooFar = (next + 1) + "-" + (next + 2);
        assertThat(api.upload(IMPORTS + "?year=" + tooFar, state, "far.xlsx", list).status()).isEqualTo(400);
    }

    @Test
    void anExportedListCanBeUploadedAgainUnchanged() throws Exception {
        String year = "2024-2025";
        commit(year, AssessmentListWorkbook.standard()
                .row(7503, "Early Childhood Education (Pre-Pac)", "Pre-Pac", "ED", "since 2015")
                .row(7504, "Child Development Associate", null, "Education & Training - ED | Human Services")
                .row(8101, "Criminal Justice", "NOCTI", "Law, Public Safety, Corrections & Security")
                .row(8102, "Retired soon", "NOCTI", "LW").bytes());
        commit(year, AssessmentListWorkbook.standard()
                .row(7503, "Early Childhood Education (Pre-Pac)", "Pre-Pac", "ED", "since 2015")
                .row(7504, "Child Development Associate", null, "Education & Training - ED | Human Services")
                .row(8101, "Criminal Justice", "NOCTI", "Law, Public Safety, Corrections & Security").bytes());

        Api.Response export = api.get("/api/certifications/catalog-exports/" + year, teacher);
        assertThat(export.status()).as(export.toString()).isEqualTo(200);
        assertThat(export.contentType()).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(export.body()))) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(3); // header + the 3 current assessments, not the retired one
            assertThat(sheet.getRow(2).getCell(3).getStringCellValue()).isEqualTo("Education & Training - ED; Human Services - HU");
            assertThat(workbook.getSheet("Career Clusters").getLastRowNum()).isEqualTo(17);
        }

        Api.Response again = api.upload(IMPORTS + "?year=" + year + "&dryRun=true", state, "export.xlsx", export.body());
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        JsonNode counts = again.json().get("counts");
        assertThat(List.of(counts.get("added").asInt(), counts.get("changed").asInt(), counts.get("retired").asInt(),
                counts.get("unchanged").asInt())).containsExactly(0, 0, 0, 3);
        assertThat(api.get("/api/certifications/catalog-exports/2017-2018", teacher).status()).isEqualTo(404);
    }

    @Test
    void everyChangeIsPublishedOnceToTheCompactedTopicInItsSchema() throws Exception {
        String year = "2022-2023";
        commit(year, AssessmentListWorkbook.standard()
                .row(9001, "Welding Level 1", "AWS", "MN")
                .row(9002, "Welding Level 2", "AWS", "MN")
                .row(9003, "Carpentry", "NCCER", "AC").bytes());
        List<CareerCluster> newClusters = new ArrayList<>(SeededClusters.ALL.stream().filter(c -> !c.code().equals("EN")).toList());
        newClusters.add(new CareerCluster("AD", "Advanced Manufacturing"));
        byte[] second = AssessmentListWorkbook.standard()
                .row(9001, "Welding Level 1", "AWS", "MN")
                .row(9002, "Welding Level 2", "AWS", "MN, AD", "changed clusters")
                .row(9004, "Plumbing", "NCCER", "AC")
                .clusterSheet(newClusters).bytes();
        commit(year, second);
        commit(year, second); // no change, no event

        Map<String, Schema> schemas = schemas();
        Map<String, List<String>> typesByKey = new ConcurrentHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> !consumer.partitionsFor(topic).isEmpty());
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<String> violations = new ArrayList<>();
            Runnable poll = () -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String type = header(record, "type");
                    typesByKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(type.replace("ctims.certification.", ""));
                    Schema schema = schemas.get(type);
                    if (schema == null) {
                        violations.add(record.key() + ": unknown type " + type);
                    }
                    else {
                        schema.validate(json.readTree(record.value()))
                                .forEach(error -> violations.add(record.key() + ": " + error));
                    }
                }
            };
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ZERO).until(() -> {
                poll.run();
                return typesByKey.containsKey(year + ":9004") && typesByKey.containsKey(year + ":cluster:AD") && typesByKey.keySet().containsAll(clusterKeys("2018-2019"));
            });
            long end = System.currentTimeMillis() + 1500; // anything published twice would arrive meanwhile
            while (System.currentTimeMillis() < end) {
                poll.run();
            }
            assertThat(violations).isEmpty();
        }
        Map<String, List<String>> ofYear = typesByKey.entrySet().stream()
                .filter(e -> e.getKey().startsWith(year + ":"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        Map<String, List<String>> expected = new java.util.HashMap<>(Map.of(
                year + ":9001", List.of("assessment-published.v1"),
                year + ":9002", List.of("assessment-published.v1", "assessment-published.v1"),
                year + ":9003", List.of("assessment-published.v1", "assessment-retired.v1"),
                year + ":9004", List.of("assessment-published.v1"),
                year + ":cluster:AD", List.of("cluster-published.v1"),
                year + ":cluster:EN", List.of("cluster-published.v1", "cluster-retired.v1")));
        clusterKeys(year).forEach(key -> expected.putIfAbsent(key, List.of("cluster-published.v1")));
        assertThat(ofYear).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(api.get("/api/certifications/clusters?year=" + year, teacher).json())
                .extracting(c -> c.get("code").asString()).contains("AD").doesNotContain("EN").hasSize(17);
        for (String key : clusterKeys("2018-2019")) {
            assertThat(typesByKey.get(key)).as(key).containsExactly("cluster-published.v1");
        }

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    private void commit(String year, byte[] list) {
        Api.Response response = api.upload(IMPORTS + "?year=" + year, state, "list.xlsx", list);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    private List<JsonNode> search(String year, String q) {
        Api.Response response = api.get("/api/certifications/assessments?year=" + year + "&q="
                + java.net.URLEncoder.encode(q, StandardCharsets.UTF_8), teacher);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<JsonNode> results = new ArrayList<>();
        response.json().get("results").forEach(results::add);
        return results;
    }

    private List<JsonNode> imports(String year) {
        Api.Response response = api.get(IMPORTS + "?year=" + year, state);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<JsonNode> results = new ArrayList<>();
        response.json().forEach(results::add);
        return results;
    }

    private static List<String> rowErrors(JsonNode errors) {
        List<String> rows = new ArrayList<>();
        errors.forEach(e -> rows.add(e.get("row").asInt() + " " + e.get("column").asString()));
        return rows;
    }

    private static Set<String> clusterKeys(String year) {
        return SeededClusters.ALL.stream().map(c -> year + ":cluster:" + c.code()).collect(Collectors.toSet());
    }

    private static Map<String, Schema> schemas() throws Exception {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        Map<String, Schema> schemas = new ConcurrentHashMap<>();
        for (String type : List.of("assessment-published.v1", "assessment-retired.v1", "cluster-published.v1",
                "cluster-retired.v1")) {
            try (InputStream in = CatalogIntegrationTests.class.getResourceAsStream("/events/" + type + ".schema.json")) {
                schemas.put("ctims.certification." + type, registry.getSchema(in));
            }
        }
        return schemas;
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static String header(ConsumerRecord<?, ?> record, String attribute) {
        for (Header header : record.headers()) {
            if (header.key().equals("ce_" + attribute) || header.key().equals("ce-" + attribute)) {
                String value = new String(header.value(), StandardCharsets.UTF_8);
                return value.startsWith("\"") ? value.substring(1, value.length() - 1) : value;
            }
        }
        return "";
    }
    /** Every endpoint, every caller: {@code src/test/resources/authorization-matrix.md}. */
    /** The matrix's and the hostile corpus's requests: a catalog of the year with one assessment. */
    AuthorizationMatrix.Fixture requests() {
        String year = "2025-2026";
        byte[] list = AssessmentListWorkbook.standard()
                .row(7503, "Early Childhood Education (Pre-Pac)", "Pre-Pac", "Education & Training - ED").bytes();
        Api.Response commit = api.upload(IMPORTS + "?year=" + year, state, "ApprovedAssessmentsList.xlsx", list);
        assertThat(commit.status()).as(commit.toString()).isEqualTo(201);
        return new AuthorizationMatrix.Fixture("10001", "700001", "10002", "700002", Map.of("year", year, "number", "7503"),
                Map.of("not-a-workbook", Body.multipart("file", "list.xlsx", "not a workbook".getBytes(StandardCharsets.UTF_8))),
                "select (select count(*) from catalog_import) imports, (select count(*) from assessment) assessments,"
                        + " (select count(*) from school_year) years");
    }

    @Nested
    class EveryEndpointEveryCaller extends AuthorizationMatrix {

        @Override
        protected Fixture fixture() {
            return requests();
        }
    }

    /** docs/SECURITY.md "Hostile input": the catalog is the state's, so no id belongs to another school. */
    @Nested
    class HostileInputToEveryEndpoint extends HostileInput {

        @Override
        protected Fixture fixture() {
            return new Fixture(requests(), Map.of(), Map.of(), Set.of("q"), Map.of());
        }
    }
}
