package io.cvatqueue.review;

/** A review action that cannot be done as asked; the message is for the user. */
public class ReviewException extends RuntimeException {

    public ReviewException(String message) {
        super(message);
    }
}
