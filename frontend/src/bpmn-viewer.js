// <bpmn-viewer>: shows a BPMN 2.0 diagram with bpmn-js (read-only, pan and zoom) and count badges on its steps.
// Properties set from Java (io.cvatqueue.admin.BpmnViewer): `xml` (the diagram), `counts` (a JSON array of
// {activityId, waiting, failedJobs, incidents}) and `changes` (a JSON array of {elementId, kind}: elements a
// version comparison found added or changed, marked on the diagram). Light DOM on purpose: bpmn-js styles are global CSS.
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';

class BpmnViewerElement extends HTMLElement {
  constructor() {
    super();
    this._xml = null;
    this._counts = [];
    this._changes = [];
    this._imported = false;
  }

  connectedCallback() {
    if (!this._canvas) {
      this._canvas = document.createElement('div');
      this._canvas.className = 'bpmn-viewer-canvas';
      this._error = document.createElement('div');
      this._error.className = 'bpmn-viewer-error';
      this._error.hidden = true;
      this.append(this._canvas, this._error);
      this._viewer = new NavigatedViewer({ container: this._canvas });
      // keep the whole diagram in view when the page (or the phone) changes size
      this._resize = new ResizeObserver(() => this._fit());
      this._resize.observe(this);
    }
    if (this._xml) {
      this._import();
    }
  }

  disconnectedCallback() {
    // Vaadin may re-attach the same element (e.g. when navigating back), so only stop observing
    this._resize?.disconnect();
    this._resize = null;
    if (this._viewer) {
      this._viewer.destroy();
      this._viewer = null;
      this._canvas.remove();
      this._error.remove();
      this._canvas = null;
    }
  }

  set xml(value) {
    this._xml = value;
    if (this._viewer) {
      this._import();
    }
  }

  get xml() {
    return this._xml;
  }

  set counts(value) {
    try {
      this._counts = typeof value === 'string' ? JSON.parse(value || '[]') : (value || []);
    } catch (e) {
      this._counts = [];
    }
    this._showCounts();
  }

  get counts() {
    return JSON.stringify(this._counts);
  }

  set changes(value) {
    try {
      this._changes = typeof value === 'string' ? JSON.parse(value || '[]') : (value || []);
    } catch (e) {
      this._changes = [];
    }
    this._showChanges();
  }

  get changes() {
    return JSON.stringify(this._changes);
  }

  _showChanges() {
    if (!this._imported || !this._viewer) {
      return;
    }
    const canvas = this._viewer.get('canvas');
    const registry = this._viewer.get('elementRegistry');
    registry.forEach((element) => {
      canvas.removeMarker(element.id, 'diff-added');
      canvas.removeMarker(element.id, 'diff-changed');
    });
    for (const change of this._changes) {
      // removed elements are not in the shown (newer) diagram: the list beside it names them
      if (registry.get(change.elementId) && (change.kind === 'ADDED' || change.kind === 'CHANGED')) {
        canvas.addMarker(change.elementId, change.kind === 'ADDED' ? 'diff-added' : 'diff-changed');
      }
    }
  }

  async _import() {
    this._imported = false;
    try {
      await this._viewer.importXML(this._xml);
      this._error.hidden = true;
      this._imported = true;
      this._fit();
      this._showCounts();
      this._showChanges();
    } catch (e) {
      this._error.textContent = 'The diagram could not be shown: ' + e.message;
      this._error.hidden = false;
    }
  }

  _fit() {
    if (this._imported && this._viewer && this.clientWidth > 0 && this.clientHeight > 0) {
      this._viewer.get('canvas').zoom('fit-viewport', 'auto');
    }
  }

  _showCounts() {
    if (!this._imported || !this._viewer) {
      return;
    }
    const overlays = this._viewer.get('overlays');
    const canvas = this._viewer.get('canvas');
    const registry = this._viewer.get('elementRegistry');
    overlays.remove({ type: 'step-count' });
    registry.forEach((element) => canvas.removeMarker(element.id, 'has-waiting'));
    for (const step of this._counts) {
      if (!registry.get(step.activityId)) {
        continue; // a step of an older version that the shown diagram no longer has
      }
      if (step.waiting > 0) {
        canvas.addMarker(step.activityId, 'has-waiting');
        overlays.add(step.activityId, 'step-count', {
          position: { top: -10, right: 10 },
          scale: { min: 1 }, // stay readable when a large diagram is zoomed out to fit
          html: this._badge('bpmn-badge', step.waiting, `${step.waiting} waiting`),
        });
      }
      const trouble = step.incidents + step.failedJobs;
      if (trouble > 0) {
        overlays.add(step.activityId, 'step-count', {
          position: { bottom: 10, right: 10 },
          scale: { min: 1 },
          html: this._badge('bpmn-badge bpmn-badge-error', trouble,
            `${step.incidents} incidents, ${step.failedJobs} failed jobs`),
        });
      }
    }
  }

  _badge(className, value, title) {
    const badge = document.createElement('span');
    badge.className = className;
    badge.textContent = String(value);
    badge.title = title;
    return badge;
  }
}

customElements.define('bpmn-viewer', BpmnViewerElement);
