package io.cvatqueue.workflow.ui;

import com.vaadin.flow.component.AbstractField;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextField;
import io.cvatqueue.workflow.StepTask;
import io.cvatqueue.workflow.StepTask.Field;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The form of one added step, generated from its camunda:formData: a text field, a whole number field, a
 * checkbox, a select or a date picker per field, labelled and marked required as the diagram says.
 */
class StepForm extends FormLayout {

    private final Map<String, HasValue<?, ?>> inputs = new LinkedHashMap<>();

    StepForm(StepTask task) {
        addClassName("step-form");
        for (Field field : task.fields()) {
            Component input = input(field);
            input.setId("field-" + field.id());
            add(input);
        }
    }

    private Component input(Field field) {
        return switch (field.type()) {
            case LONG -> {
                BigDecimalField number = new BigDecimalField(field.label());
                if (field.defaultValue() instanceof Long value) {
                    number.setValue(BigDecimal.valueOf(value));
                }
                yield register(field, number);
            }
            case BOOLEAN -> {
                Checkbox checkbox = new Checkbox(field.label());
                checkbox.setValue(Boolean.TRUE.equals(field.defaultValue()));
                yield register(field, checkbox);
            }
            case ENUM -> {
                Select<String> select = new Select<>();
                select.setLabel(field.label());
                select.setItems(field.options().keySet());
                select.setItemLabelGenerator(key -> key == null ? "" : field.options().getOrDefault(key, key));
                select.setEmptySelectionAllowed(!field.required());
                if (field.defaultValue() instanceof String value) {
                    select.setValue(value);
                }
                yield register(field, select);
            }
            case DATE -> {
                DatePicker date = new DatePicker(field.label());
                if (field.defaultValue() instanceof LocalDate value) {
                    date.setValue(value);
                }
                yield register(field, date);
            }
            case STRING -> {
                TextField text = new TextField(field.label());
                if (field.defaultValue() instanceof String value) {
                    text.setValue(value);
                }
                yield register(field, text);
            }
        };
    }

    private <C extends Component & HasValue<?, ?>> C register(Field field, C input) {
        if (field.required()) {
            input.setRequiredIndicatorVisible(true);
        }
        inputs.put(field.id(), input);
        return input;
    }

    /** The values as the step service takes them: String, Long, Boolean, String (enum key), LocalDate, or null. */
    Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>();
        inputs.forEach((id, input) -> {
            Object value = input.getValue();
            if (value instanceof BigDecimal number) {
                value = number.longValue();
            } else if (value instanceof String text && text.isBlank()) {
                value = null;
            }
            values.put(id, value);
        });
        return values;
    }

    /** For tests: the generated input of a field. */
    @SuppressWarnings("unchecked")
    <V> AbstractField<?, V> input(String fieldId) {
        return (AbstractField<?, V>) inputs.get(fieldId);
    }
}
