package io.cvatqueue.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Variants of processes/job-review.bpmn, as an admin would make them in the Modeler. */
public final class Diagrams {

    private Diagrams() {
    }

    public static String jobReview() {
        try {
            return Files.readString(Path.of("processes", "job-review.bpmn"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An extra user task "Second opinion" after approval, for the reviewer, with a form of every field type. */
    public static String withSecondOpinion() {
        return replace(replace(replace(replace(jobReview(),
                "sourceRef=\"Gateway_Decision\" targetRef=\"Task_ApproveInCvat\">",
                "sourceRef=\"Gateway_Decision\" targetRef=\"Task_SecondOpinion\">"),
                "      <bpmn:incoming>Flow_Approved</bpmn:incoming>\n      <bpmn:outgoing>Flow_ToApproved</bpmn:outgoing>",
                "      <bpmn:incoming>Flow_ToApproveInCvat</bpmn:incoming>\n      <bpmn:outgoing>Flow_ToApproved</bpmn:outgoing>"),
                "    <bpmn:sequenceFlow id=\"Flow_ToApproved\"", """
                    <bpmn:userTask id="Task_SecondOpinion" name="Second opinion" camunda:assignee="${reviewer}">
                      <bpmn:extensionElements>
                        <camunda:formData>
                          <camunda:formField id="opinion" label="Opinion" type="string">
                            <camunda:validation><camunda:constraint name="required" /></camunda:validation>
                          </camunda:formField>
                          <camunda:formField id="score" label="Score" type="long" />
                          <camunda:formField id="agree" label="Agree with the reviewer" type="boolean" defaultValue="true" />
                          <camunda:formField id="verdict" label="Verdict" type="enum">
                            <camunda:value id="keep" name="Keep as is" />
                            <camunda:value id="redo" name="Redo later" />
                          </camunda:formField>
                          <camunda:formField id="checkedOn" label="Checked on" type="date" />
                        </camunda:formData>
                      </bpmn:extensionElements>
                      <bpmn:incoming>Flow_Approved</bpmn:incoming>
                      <bpmn:outgoing>Flow_ToApproveInCvat</bpmn:outgoing>
                    </bpmn:userTask>
                    <bpmn:sequenceFlow id="Flow_ToApproveInCvat" sourceRef="Task_SecondOpinion" targetRef="Task_ApproveInCvat" />
                    <bpmn:sequenceFlow id="Flow_ToApproved\""""),
                "    </bpmndi:BPMNPlane>", """
                      <bpmndi:BPMNShape id="Task_SecondOpinion_di" bpmnElement="Task_SecondOpinion">
                        <dc:Bounds x="1400" y="40" width="100" height="80" />
                      </bpmndi:BPMNShape>
                      <bpmndi:BPMNEdge id="Flow_ToApproveInCvat_di" bpmnElement="Flow_ToApproveInCvat">
                        <di:waypoint x="1450" y="120" /><di:waypoint x="1450" y="160" />
                      </bpmndi:BPMNEdge>
                    </bpmndi:BPMNPlane>""");
    }

    /** A service task that names no bean of the app. */
    public static String withUnknownDelegate() {
        return replace(jobReview(), "camunda:delegateExpression=\"${markReviewOverdue}\"",
                "camunda:delegateExpression=\"${sendPigeon}\"");
    }

    /** A sequence flow pointing at an element that does not exist: Camunda's parser refuses it. */
    public static String withDanglingFlow() {
        return replace(jobReview(), "sourceRef=\"Task_MarkOverdue\" targetRef=\"EndEvent_OverdueNotified\"",
                "sourceRef=\"Task_MarkOverdue\" targetRef=\"EndEvent_Nowhere\"");
    }

    /** The message the sync correlates for reworked jobs renamed. */
    public static String withRenamedMessage() {
        return replace(jobReview(), "name=\"annotationCompleted\"", "name=\"annotationDone\"");
    }

    /** A renamed step: a change to one element. */
    public static String withRenamedStep(String newName) {
        return replace(jobReview(), "name=\"Mark overdue and notify admins\"", "name=\"" + newName + "\"");
    }

    public static String replace(String xml, String target, String replacement) {
        if (!xml.contains(target)) {
            throw new IllegalStateException("processes/job-review.bpmn changed: '" + target + "' not found");
        }
        return xml.replace(target, replacement);
    }
}
