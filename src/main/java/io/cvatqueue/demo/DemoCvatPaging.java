package io.cvatqueue.demo;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** CVAT's page envelope ({@code count}, {@code next}, {@code previous}, {@code results}) for the demo's lists. */
final class DemoCvatPaging {

    static final int DEFAULT_PAGE_SIZE = 10;
    /**
     * Larger pages are cut to this size, as a CVAT with a page size limit does, so that the queue manager's
     * paging is exercised by the demo too.
     */
    static final int MAX_PAGE_SIZE = 100;

    private DemoCvatPaging() {
    }

    /**
     * Like Django REST framework: page 1 always exists, a page past the end or a page that is not a number is
     * 404 "Invalid page.", an unusable page_size falls back to the default.
     */
    static <T> Map<String, Object> page(List<T> items, Function<T, Object> view, String pageParam,
                                        String pageSizeParam) {
        int pageSize = DEFAULT_PAGE_SIZE;
        if (pageSizeParam != null) {
            try {
                int asked = Integer.parseInt(pageSizeParam.strip());
                pageSize = asked > 0 ? Math.min(asked, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
            } catch (NumberFormatException e) {
                pageSize = DEFAULT_PAGE_SIZE;
            }
        }
        int page;
        try {
            page = pageParam == null ? 1 : Integer.parseInt(pageParam.strip());
        } catch (NumberFormatException e) {
            throw DemoCvatException.invalidPage();
        }
        int pages = Math.max(1, (items.size() + pageSize - 1) / pageSize);
        if (page < 1 || page > pages) {
            throw DemoCvatException.invalidPage();
        }
        List<Object> results = new ArrayList<>();
        items.subList((page - 1) * pageSize, Math.min(items.size(), page * pageSize)).forEach(i -> results.add(view.apply(i)));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("count", items.size());
        json.put("next", page < pages ? pageLink(page + 1) : null);
        json.put("previous", page > 1 ? pageLink(page - 1) : null);
        json.put("results", results);
        return json;
    }

    private static String pageLink(int page) {
        // the request's query is already encoded ("in%20progress"): build(true) keeps it as it is
        return ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("page", page).build(true)
                .toUriString();
    }
}
