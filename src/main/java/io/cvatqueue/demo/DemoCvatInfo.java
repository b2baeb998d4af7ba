package io.cvatqueue.demo;

/** What the UI tells newcomers about the built-in demo CVAT. Present only when the demo profile is active. */
public interface DemoCvatInfo {

    /** The demo users' tokens and roles, e.g. "demo-admin (owner), demo-rita (reviewer)". */
    String tokenHint();
}
