package io.cvatqueue.api;

import io.cvatqueue.backup.H2FileCompaction;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.annotation.Secured;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.NoSuchElementException;

@RestController
@RequestMapping("/api/v1/admin/database")
@Tag(name = "Database", description = "The built-in H2 database file (admins)")
class DatabaseApiController {

    private final H2FileCompaction compaction;

    DatabaseApiController(H2FileCompaction compaction) {
        this.compaction = compaction;
    }

    @GetMapping
    @Secured("ROLE_ADMIN")
    @Operation(summary = "Size of the H2 file and how much of it is data (admins)",
            description = "404 on PostgreSQL or an in-memory H2, which have no file of the app's to compact.")
    DatabaseFile file() {
        H2FileCompaction.FileState state = compaction.state().orElseThrow(() -> new NoSuchElementException(
                "This app does not run on an H2 file database"));
        return new DatabaseFile(state.bytes(), state.livePercent(), compaction.worthwhile(state));
    }

    @PostMapping("/compaction")
    @Secured("ROLE_ADMIN")
    @Operation(summary = "Compact the H2 file now (admins)",
            description = "Database work waits for the few seconds it takes; nothing fails. 200 with the sizes "
                    + "before and after; 409 when connections stayed in use too long and nothing was compacted.")
    ResponseEntity<H2FileCompaction.Outcome> compact() {
        if (!compaction.supported()) {
            throw new NoSuchElementException("This app does not run on an H2 file database");
        }
        H2FileCompaction.Outcome outcome = compaction.compact();
        return ResponseEntity.status(outcome.compacted() ? HttpStatus.OK : HttpStatus.CONFLICT).body(outcome);
    }

    /** @param compactedAutomatically whether the scheduled compaction would compact it as it is now */
    record DatabaseFile(long bytes, int livePercent, boolean compactedAutomatically) {
    }
}
