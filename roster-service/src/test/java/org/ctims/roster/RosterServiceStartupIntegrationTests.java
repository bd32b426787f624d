package org.ctims.roster;

import org.ctims.testing.RealInfrastructure;
import org.ctims.testing.service.ServiceStartupChecks;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class RosterServiceStartupIntegrationTests extends ServiceStartupChecks {

    @Override
    protected String schema() {
        return "roster";
    }

    @Override
    protected String apiPrefix() {
        return "/api/roster";
    }
}
