package org.ctims.platform.topics;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Declares the topics in the background and keeps trying while the broker cannot be reached: the
 * service starts anyway (saves wait in the outbox), and the topics get their declared shape as soon
 * as the broker answers. (KafkaAdmin itself tries once while the context starts, which creates them
 * before any binding or the outbox relay can, when the broker is up.)
 */
class TopicProvisioner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private final KafkaAdmin admin;
    private final Duration retry;
    private volatile Thread worker;
    private volatile boolean provisioned;

    TopicProvisioner(KafkaAdmin admin, Duration retry) {
        this.admin = admin;
        this.retry = retry;
    }

    /** Whether every declared topic exists with at least its declared partitions. */
    boolean provisioned() {
        return provisioned;
    }

    @Override
    public void start() {
        worker = new Thread(this::tryUntilDone, "ctims-topic-provisioner");
        worker.setDaemon(true);
        worker.start();
    }

    private void tryUntilDone() {
        while (!Thread.currentThread().isInterrupted()) {
            provisioned = admin.initialize();
            if (provisioned) {
                return;
            }
            log.warn("Kafka topics not declared yet (broker unreachable); trying again in {}", retry);
            try {
                Thread.sleep(retry.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void stop() {
        Thread running = worker;
        if (running != null) {
            running.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null && worker.isAlive();
    }

    @Override
    public int getPhase() {
        // before the bindings (and the outbox relay) start sending
        return Integer.MIN_VALUE + 1000;
    }
}
