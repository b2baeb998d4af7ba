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

    /**
     * job-review as it was before the away check (rework always went back to the same reviewer): running instances
     * of that version migrate to the one that checks.
     */
    public static String beforeAwayCheck() {
        try {
            return Files.readString(Path.of("src", "test", "resources", "workflow", "job-review-before-away.bpmn"),
                    StandardCharsets.UTF_8);
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

    /**
     * The example: "Second opinion" only for jobs of one CVAT task, chosen by a gateway on the process
     * variable taskId; other approved jobs go straight on to CVAT.
     */
    public static String withSecondOpinionForTask(long cvatTaskId) {
        String form = withSecondOpinion().replaceAll("(?s).*(<camunda:formData>.*</camunda:formData>).*", "$1");
        return replace(replace(replace(replace(jobReview(),
                "sourceRef=\"Gateway_Decision\" targetRef=\"Task_ApproveInCvat\">",
                "sourceRef=\"Gateway_Decision\" targetRef=\"Gateway_SecondOpinionNeeded\">"),
                "      <bpmn:incoming>Flow_Approved</bpmn:incoming>\n      <bpmn:outgoing>Flow_ToApproved</bpmn:outgoing>",
                "      <bpmn:incoming>Flow_FromSecondOpinionJoin</bpmn:incoming>\n      <bpmn:outgoing>Flow_ToApproved</bpmn:outgoing>"),
                "    <bpmn:sequenceFlow id=\"Flow_ToApproved\"", """
                    <bpmn:exclusiveGateway id="Gateway_SecondOpinionNeeded" name="Job of task %d?" default="Flow_NoSecondOpinion">
                      <bpmn:incoming>Flow_Approved</bpmn:incoming>
                      <bpmn:outgoing>Flow_NeedsSecondOpinion</bpmn:outgoing>
                      <bpmn:outgoing>Flow_NoSecondOpinion</bpmn:outgoing>
                    </bpmn:exclusiveGateway>
                    <bpmn:sequenceFlow id="Flow_NeedsSecondOpinion" name="yes" sourceRef="Gateway_SecondOpinionNeeded" targetRef="Task_SecondOpinion">
                      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${taskId == %d}</bpmn:conditionExpression>
                    </bpmn:sequenceFlow>
                    <bpmn:sequenceFlow id="Flow_NoSecondOpinion" sourceRef="Gateway_SecondOpinionNeeded" targetRef="Gateway_SecondOpinionJoin" />
                    <bpmn:userTask id="Task_SecondOpinion" name="Second opinion" camunda:assignee="${reviewer}">
                      <bpmn:extensionElements>%s</bpmn:extensionElements>
                      <bpmn:incoming>Flow_NeedsSecondOpinion</bpmn:incoming>
                      <bpmn:outgoing>Flow_SecondOpinionDone</bpmn:outgoing>
                    </bpmn:userTask>
                    <bpmn:sequenceFlow id="Flow_SecondOpinionDone" sourceRef="Task_SecondOpinion" targetRef="Gateway_SecondOpinionJoin" />
                    <bpmn:exclusiveGateway id="Gateway_SecondOpinionJoin">
                      <bpmn:incoming>Flow_NoSecondOpinion</bpmn:incoming>
                      <bpmn:incoming>Flow_SecondOpinionDone</bpmn:incoming>
                      <bpmn:outgoing>Flow_FromSecondOpinionJoin</bpmn:outgoing>
                    </bpmn:exclusiveGateway>
                    <bpmn:sequenceFlow id="Flow_FromSecondOpinionJoin" sourceRef="Gateway_SecondOpinionJoin" targetRef="Task_ApproveInCvat" />
                    <bpmn:sequenceFlow id="Flow_ToApproved\"""".formatted(cvatTaskId, cvatTaskId, form)),
                "    </bpmndi:BPMNPlane>", """
                      <bpmndi:BPMNShape id="Gateway_SecondOpinionNeeded_di" bpmnElement="Gateway_SecondOpinionNeeded" isMarkerVisible="true">
                        <dc:Bounds x="1360" y="-60" width="50" height="50" />
                      </bpmndi:BPMNShape>
                      <bpmndi:BPMNShape id="Task_SecondOpinion_di" bpmnElement="Task_SecondOpinion">
                        <dc:Bounds x="1440" y="-75" width="100" height="80" />
                      </bpmndi:BPMNShape>
                      <bpmndi:BPMNShape id="Gateway_SecondOpinionJoin_di" bpmnElement="Gateway_SecondOpinionJoin" isMarkerVisible="true">
                        <dc:Bounds x="1575" y="-60" width="50" height="50" />
                      </bpmndi:BPMNShape>
                      <bpmndi:BPMNEdge id="Flow_NeedsSecondOpinion_di" bpmnElement="Flow_NeedsSecondOpinion">
                        <di:waypoint x="1410" y="-35" /><di:waypoint x="1440" y="-35" />
                      </bpmndi:BPMNEdge>
                      <bpmndi:BPMNEdge id="Flow_NoSecondOpinion_di" bpmnElement="Flow_NoSecondOpinion">
                        <di:waypoint x="1385" y="-10" /><di:waypoint x="1385" y="20" /><di:waypoint x="1600" y="20" /><di:waypoint x="1600" y="-10" />
                      </bpmndi:BPMNEdge>
                      <bpmndi:BPMNEdge id="Flow_SecondOpinionDone_di" bpmnElement="Flow_SecondOpinionDone">
                        <di:waypoint x="1540" y="-35" /><di:waypoint x="1575" y="-35" />
                      </bpmndi:BPMNEdge>
                      <bpmndi:BPMNEdge id="Flow_FromSecondOpinionJoin_di" bpmnElement="Flow_FromSecondOpinionJoin">
                        <di:waypoint x="1625" y="-35" /><di:waypoint x="1650" y="-35" /><di:waypoint x="1650" y="140" /><di:waypoint x="1450" y="140" /><di:waypoint x="1450" y="160" />
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
