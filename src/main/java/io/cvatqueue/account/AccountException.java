package io.cvatqueue.account;

/** A request about accounts that cannot be done; the message is for the user. */
public class AccountException extends RuntimeException {

    public AccountException(String message) {
        super(message);
    }
}
