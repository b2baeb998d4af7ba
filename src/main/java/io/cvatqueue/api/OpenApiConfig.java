package io.cvatqueue.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The REST API's OpenAPI description (/v3/api-docs, Swagger UI at /swagger-ui.html) and how to authenticate. */
@Configuration
class OpenApiConfig {

    @Bean
    OpenAPI cvatQueueOpenApi() {
        return new OpenAPI()
                .info(new Info().title("CVAT Queue Manager API").version("v1")
                        .description("Automation of the review queue. Authenticate with HTTP Basic (app username "
                                + "and password) or `Authorization: Bearer <API token>` (POST /api/v1/tokens). "
                                + "Role rules are those of the UI; errors are RFC 9457 problem details."))
                .components(new Components()
                        .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("API token from POST /api/v1/tokens")))
                .addSecurityItem(new SecurityRequirement().addList("basic"))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
