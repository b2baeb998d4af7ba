package io.cvatqueue.workflow;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class WorkflowConfig {

    @Bean
    WorkflowValidator workflowValidator(ListableBeanFactory beans) {
        return new WorkflowValidator(beans);
    }
}
