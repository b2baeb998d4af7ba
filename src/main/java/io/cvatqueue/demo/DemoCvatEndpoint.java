package io.cvatqueue.demo;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * What the demo CVAT's REST controllers share: the CVAT content type, the JSON views and DRF error bodies. Each
 * controller serves one group of CVAT resources under {@code /demo-cvat}, answering like CVAT 2.52. The app's
 * security lets {@code /demo-cvat/**} through; tokens are checked by {@link DemoCvat}, as CVAT does.
 */
abstract class DemoCvatEndpoint {

    static final MediaType CVAT_JSON = MediaType.parseMediaType("application/vnd.cvat+json");

    protected final DemoCvat cvat;

    DemoCvatEndpoint(DemoCvat cvat) {
        this.cvat = cvat;
    }

    @ExceptionHandler(DemoCvatException.class)
    ResponseEntity<Object> refused(DemoCvatException e) {
        return ResponseEntity.status(e.status()).contentType(CVAT_JSON).body(e.body());
    }

    DemoCvatJson json() {
        return new DemoCvatJson(cvat, ServletUriComponentsBuilder.fromCurrentContextPath().path("/demo-cvat")
                .build().toUriString());
    }

    static ResponseEntity<Object> ok(Object body) {
        return ResponseEntity.ok().contentType(CVAT_JSON).body(body);
    }
}
