package org.ctims.report;

import org.ctims.testing.RealInfrastructure;
import org.ctims.testing.service.ServiceStartupChecks;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class ReportServiceStartupIntegrationTests extends ServiceStartupChecks {

    @Override
    protected String schema() {
        return "report";
    }

    @Override
    protected String apiPrefix() {
        return "/api/reports";
    }
}
