package org.ctims.followup;

import org.ctims.testing.RealInfrastructure;
import org.ctims.testing.service.ServiceStartupChecks;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class FollowupServiceStartupIntegrationTests extends ServiceStartupChecks {

    @Override
    protected String schema() {
        return "followup";
    }

    @Override
    protected String apiPrefix() {
        return "/api/followups";
    }
}
