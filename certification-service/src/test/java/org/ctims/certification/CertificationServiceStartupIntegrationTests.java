package org.ctims.certification;

import org.ctims.testing.RealInfrastructure;
import org.ctims.testing.service.ServiceStartupChecks;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class CertificationServiceStartupIntegrationTests extends ServiceStartupChecks {

    @Override
    protected String schema() {
        return "certification";
    }

    @Override
    protected String apiPrefix() {
        return "/api/certifications";
    }
}
