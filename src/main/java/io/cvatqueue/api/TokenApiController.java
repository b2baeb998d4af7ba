package io.cvatqueue.api;

import io.cvatqueue.security.ApiToken;
import io.cvatqueue.security.ApiTokenService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/v1/tokens")
@Tag(name = "API tokens", description = "Bearer tokens for scripts, acting with the owner's role")
class TokenApiController {

    private final ApiTokenService tokens;

    TokenApiController(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an API token for yourself (HTTP Basic only)",
            description = "The answer holds the token; it is stored only as a hash and cannot be shown again. "
                    + "Send it as `Authorization: Bearer <token>`.")
    ApiTokenService.CreatedToken create(@RequestBody(required = false) CreateRequest request) {
        return tokens.create(request == null ? null : request.name());
    }

    @GetMapping
    @Operation(summary = "Your API tokens (without the tokens themselves)")
    List<ApiToken> list() {
        return tokens.listOwn();
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke an API token")
    void revoke(@PathVariable long id) {
        tokens.revoke(id);
    }

    record CreateRequest(String name) {
    }
}
