package org.ctims.gateway.instances;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

/**
 * Where each service's instances listen: {@code ctims.gateway.services.<service>} is one base URL
 * or a comma-separated list of them ({@code CTIMS_ROSTER_URL=http://10.0.0.5:8081,http://10.0.0.6:8081}).
 * The routes' {@code lb://<service>} addresses are resolved against these lists.
 *
 * @param services the instances' base URLs by service id ({@code roster}, {@code followup}, ...)
 */
@ConfigurationProperties("ctims.gateway")
public record ServiceAddresses(Map<String, List<URI>> services) {

    public ServiceAddresses {
        services = services == null ? Map.of() : Map.copyOf(services);
        services.forEach((service, urls) -> {
            if (urls == null || urls.isEmpty()) {
                throw new IllegalArgumentException("ctims.gateway.services." + service + " names no instance");
            }
            for (URI url : urls) {
                boolean http = "http".equals(url.getScheme()) || "https".equals(url.getScheme());
                if (!http || url.getHost() == null
                        || (url.getRawPath() != null && !url.getRawPath().isEmpty() && !url.getRawPath().equals("/"))) {
                    throw new IllegalArgumentException("ctims.gateway.services." + service + ": '" + url
                            + "' is not a base URL such as http://127.0.0.1:8081 (scheme http or https, a host, no path)");
                }
            }
        });
    }

    /** The service's instances, in the order given; empty for a service the gateway does not know. */
    public List<ServiceInstance> instancesOf(String service) {
        List<URI> urls = services.getOrDefault(service, List.of());
        return urls.stream()
                .<ServiceInstance>map(url -> new DefaultServiceInstance(service + "@" + url.getAuthority(), service,
                        url.getHost(), port(url), "https".equals(url.getScheme())))
                .toList();
    }

    private static int port(URI url) {
        if (url.getPort() != -1) {
            return url.getPort();
        }
        return "https".equals(url.getScheme()) ? 443 : 80;
    }
}
