package io.cvatqueue.account;

/** What a person enters to create an account. */
public record Registration(String username, String password, String cvatHost, String cvatToken) {
}
