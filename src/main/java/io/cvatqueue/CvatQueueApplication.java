package io.cvatqueue;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.PWA;
import com.vaadin.flow.theme.Theme;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
@Push
@Theme("cvat-queue")
@PWA(name = "CVAT Queue Manager", shortName = "CVAT Queue")
public class CvatQueueApplication implements AppShellConfigurator {

    public static void main(String[] args) {
        SpringApplication.run(CvatQueueApplication.class, args);
    }
}
