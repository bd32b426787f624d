package org.ctims.gateway.instances;

import java.util.Comparator;
import java.util.List;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Flux;

/**
 * The instances of one service, in the load balancer's own context for that service (deliberately
 * not a {@code @Configuration}: component scanning must not pick it up for the whole gateway).
 *
 * <p>Several instances are health-checked: each one's readiness
 * ({@code spring.cloud.loadbalancer.health-check.path.default}) is asked every
 * {@code spring.cloud.loadbalancer.health-check.interval}; one that does not answer 200 is left out
 * until it does again. A single address is used as it is, without a check: it is the service's
 * only instance, or a name that balances by itself (a Kubernetes Service over its ready pods), and
 * leaving it out would only change which 503 the caller gets.
 */
class ServiceInstanceLists {

    @Bean
    ServiceInstanceListSupplier serviceInstances(ConfigurableApplicationContext context, Environment environment,
            ServiceAddresses addresses) {
        String service = environment.getProperty(LoadBalancerClientFactory.PROPERTY_NAME);
        List<ServiceInstance> instances = addresses.instancesOf(service);
        ServiceInstanceListSupplier configured = new Configured(service, instances);
        if (instances.size() < 2) {
            return configured;
        }
        // a client of its own: the routes' HTTP client settings are not the checks' business
        return ServiceInstanceListSupplier.builder()
                .withBase(configured)
                .withHealthChecks(WebClient.create())
                .with((ignored, healthy) -> new InConfiguredOrder(healthy, instances))
                .build(context);
    }

    /**
     * The healthy instances in the order configured: the checks report them in the order their
     * answers came, and round robin over a list whose order changes would send two calls in a row
     * to the same instance.
     */
    private static final class InConfiguredOrder extends DelegatingServiceInstanceListSupplier {

        private final List<String> order;

        InConfiguredOrder(ServiceInstanceListSupplier healthy, List<ServiceInstance> configured) {
            super(healthy);
            this.order = configured.stream().map(ServiceInstance::getInstanceId).toList();
        }

        @Override
        public Flux<List<ServiceInstance>> get() {
            return delegate.get().map(healthy -> healthy.stream()
                    .sorted(Comparator.comparingInt(instance -> order.indexOf(instance.getInstanceId())))
                    .toList());
        }
    }

    /** The instances as configured, all of them, always. */
    private static final class Configured implements ServiceInstanceListSupplier {

        private final String service;
        private final List<ServiceInstance> instances;

        Configured(String service, List<ServiceInstance> instances) {
            this.service = service;
            this.instances = instances;
        }

        @Override
        public String getServiceId() {
            return service;
        }

        @Override
        public Flux<List<ServiceInstance>> get() {
            return Flux.just(instances);
        }
    }
}
