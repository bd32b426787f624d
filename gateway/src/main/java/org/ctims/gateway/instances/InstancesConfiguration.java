package org.ctims.gateway.instances;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Configuration;

/**
 * Every {@code lb://<service>} route is balanced by Spring Cloud LoadBalancer (round robin, its
 * default) over the instances in {@link ServiceAddresses}; {@link ServiceInstanceLists} says which
 * of them are up.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ServiceAddresses.class)
@LoadBalancerClients(defaultConfiguration = ServiceInstanceLists.class)
class InstancesConfiguration {
}
