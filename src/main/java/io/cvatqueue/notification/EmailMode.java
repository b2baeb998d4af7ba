package io.cvatqueue.notification;

/** Whether and when a user gets a kind of notification by e-mail. */
public enum EmailMode {
    OFF("No e-mail"), IMMEDIATE("E-mail at once"), DIGEST("Daily digest");

    private final String label;

    EmailMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
