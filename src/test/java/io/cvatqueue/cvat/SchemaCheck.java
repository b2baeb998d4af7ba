package io.cvatqueue.cvat;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks JSON (as parsed into maps and lists) against a component of CVAT's OpenAPI schema: types, required
 * fields, enums, nullability, date-times, and no field the schema does not name (which catches camelCase
 * slips). A small subset of OpenAPI, enough for the resources the queue manager uses.
 */
public final class SchemaCheck {

    private final Map<String, Object> components;

    private SchemaCheck(Map<String, Object> components) {
        this.components = components;
    }

    @SuppressWarnings("unchecked")
    public static SchemaCheck cvat() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(20 * 1024 * 1024);
        try (InputStream in = SchemaCheck.class.getResourceAsStream("/cvat/schema.yml")) {
            Map<String, Object> root = new Yaml(options).load(in);
            return new SchemaCheck((Map<String, Object>) ((Map<String, Object>) root.get("components")).get("schemas"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is wrong with {@code json} as a {@code schemaName}; empty when it conforms. */
    public List<String> problems(Object json, String schemaName) {
        List<String> problems = new ArrayList<>();
        check(json, ref("#/components/schemas/" + schemaName), schemaName, problems);
        return problems;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> ref(String ref) {
        String name = ref.substring(ref.lastIndexOf('/') + 1);
        Map<String, Object> schema = (Map<String, Object>) components.get(name);
        if (schema == null) {
            throw new IllegalArgumentException("No schema " + name);
        }
        return schema;
    }

    @SuppressWarnings("unchecked")
    private void check(Object value, Map<String, Object> schema, String path, List<String> problems) {
        if (schema.containsKey("$ref")) {
            check(value, ref((String) schema.get("$ref")), path, problems);
            return;
        }
        if (value == null) {
            if (!Boolean.TRUE.equals(schema.get("nullable"))) {
                problems.add(path + " is null but not nullable");
            }
            return;
        }
        if (schema.containsKey("allOf")) {
            for (Object part : (List<Object>) schema.get("allOf")) {
                check(value, (Map<String, Object>) part, path, problems);
            }
        }
        for (String alternatives : List.of("anyOf", "oneOf")) {
            if (schema.containsKey(alternatives)) {
                boolean any = ((List<Object>) schema.get(alternatives)).stream().anyMatch(option -> {
                    List<String> optionProblems = new ArrayList<>();
                    check(value, (Map<String, Object>) option, path, optionProblems);
                    return optionProblems.isEmpty();
                });
                if (!any) {
                    problems.add(path + " matches none of " + alternatives);
                }
            }
        }
        if (schema.containsKey("enum") && !((List<Object>) schema.get("enum")).contains(value)) {
            problems.add(path + " = " + value + " is not one of " + schema.get("enum"));
        }
        Object type = schema.get("type");
        if (type == null && schema.containsKey("properties")) {
            type = "object";
        }
        if (type == null) {
            return;
        }
        switch ((String) type) {
            case "object" -> {
                if (!(value instanceof Map<?, ?> map)) {
                    problems.add(path + " is not an object");
                    return;
                }
                Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
                for (Object required : (List<Object>) schema.getOrDefault("required", List.of())) {
                    if (!map.containsKey(required)) {
                        problems.add(path + "." + required + " is required but missing");
                    }
                }
                map.forEach((key, fieldValue) -> {
                    Object property = properties.get(key);
                    if (property == null) {
                        if (!properties.isEmpty()) {
                            problems.add(path + "." + key + " is not in the schema");
                        }
                    } else {
                        check(fieldValue, (Map<String, Object>) property, path + "." + key, problems);
                    }
                });
            }
            case "array" -> {
                if (!(value instanceof List<?> list)) {
                    problems.add(path + " is not an array");
                    return;
                }
                Map<String, Object> items = (Map<String, Object>) schema.get("items");
                for (int i = 0; i < list.size() && items != null; i++) {
                    check(list.get(i), items, path + "[" + i + "]", problems);
                }
            }
            case "string" -> {
                if (!(value instanceof String text)) {
                    problems.add(path + " is not a string");
                } else if ("date-time".equals(schema.get("format"))) {
                    try {
                        OffsetDateTime.parse(text);
                    } catch (DateTimeParseException e) {
                        problems.add(path + " = " + text + " is not a date-time");
                    }
                }
            }
            case "integer" -> {
                if (!(value instanceof Integer || value instanceof Long)) {
                    problems.add(path + " = " + value + " is not an integer");
                }
            }
            case "number" -> {
                if (!(value instanceof Number)) {
                    problems.add(path + " = " + value + " is not a number");
                }
            }
            case "boolean" -> {
                if (!(value instanceof Boolean)) {
                    problems.add(path + " = " + value + " is not a boolean");
                }
            }
            default -> problems.add(path + ": unsupported schema type " + type);
        }
    }
}
