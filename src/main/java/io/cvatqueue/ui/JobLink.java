package io.cvatqueue.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import io.cvatqueue.cvat.CvatClient;

/**
 * A link that opens a job in CVAT in a new tab. Every job link on screen is made here, from the one URL builder
 * the CVAT client has.
 */
public final class JobLink {

    private JobLink() {
    }

    /** "Open in CVAT" for a row's actions. */
    public static Anchor openInCvat(String cvatBaseUrl, long cvatTaskId, long cvatJobId) {
        Anchor link = to(cvatBaseUrl, cvatTaskId, cvatJobId, "Open in CVAT");
        link.addClassName("open-in-cvat");
        return link;
    }

    /** The job's number, linked. */
    public static Anchor numbered(String cvatBaseUrl, long cvatTaskId, long cvatJobId) {
        return to(cvatBaseUrl, cvatTaskId, cvatJobId, "#" + cvatJobId);
    }

    public static Anchor to(String cvatBaseUrl, long cvatTaskId, long cvatJobId, String text) {
        Anchor link = new Anchor(CvatClient.jobUrl(cvatBaseUrl, cvatTaskId, cvatJobId), text);
        link.setTarget(AnchorTarget.BLANK);
        // the CVAT tab gets no handle on this one
        link.getElement().setAttribute("rel", "noopener");
        return link;
    }
}
