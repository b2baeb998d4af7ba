// <bpmn-modeler>: edits a BPMN 2.0 diagram with bpmn-js, the Camunda 7 properties panel, the app's element
// templates and live lint (bpmn-js-bpmnlint). Properties set from Java (io.cvatqueue.admin.BpmnModeler): `xml` (the diagram to open) and
// `templates` (the element templates as a JSON array). Java asks for the edited diagram with requestXml(); the
// answer comes as the `xml-ready` event (detail.xml, or detail.error). Light DOM: bpmn-js styles are global CSS.
import Modeler from 'bpmn-js/lib/Modeler';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  CamundaPlatformPropertiesProviderModule,
} from 'bpmn-js-properties-panel';
import { ElementTemplatesPropertiesProviderModule } from 'bpmn-js-element-templates';
import CamundaBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import lintModule from 'bpmn-js-bpmnlint';
import conditionalFlows from 'bpmnlint/rules/conditional-flows';
import endEventRequired from 'bpmnlint/rules/end-event-required';
import eventSubProcessTypedStartEvent from 'bpmnlint/rules/event-sub-process-typed-start-event';
import fakeJoin from 'bpmnlint/rules/fake-join';
import labelRequired from 'bpmnlint/rules/label-required';
import noBpmndi from 'bpmnlint/rules/no-bpmndi';
import noDisconnected from 'bpmnlint/rules/no-disconnected';
import noDuplicateSequenceFlows from 'bpmnlint/rules/no-duplicate-sequence-flows';
import noImplicitSplit from 'bpmnlint/rules/no-implicit-split';
import noOverlappingElements from 'bpmnlint/rules/no-overlapping-elements';
import singleBlankStartEvent from 'bpmnlint/rules/single-blank-start-event';
import singleEventDefinition from 'bpmnlint/rules/single-event-definition';
import startEventRequired from 'bpmnlint/rules/start-event-required';
import subProcessBlankStartEvent from 'bpmnlint/rules/sub-process-blank-start-event';
import superfluousGateway from 'bpmnlint/rules/superfluous-gateway';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-element-templates/dist/assets/element-templates.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';

// Live lint while editing: bpmnlint's recommended rules, statically bundled (no bpmnlint pack step in the Vite
// build). The server re-checks these and Camunda 7.24's own rules on Validate and Deploy.
const LINT_RULES = {
  'conditional-flows': ['error', conditionalFlows],
  'end-event-required': ['error', endEventRequired],
  'event-sub-process-typed-start-event': ['error', eventSubProcessTypedStartEvent],
  'fake-join': ['warn', fakeJoin],
  'label-required': ['error', labelRequired],
  'no-bpmndi': ['error', noBpmndi],
  'no-disconnected': ['error', noDisconnected],
  'no-duplicate-sequence-flows': ['error', noDuplicateSequenceFlows],
  'no-implicit-split': ['error', noImplicitSplit],
  'no-overlapping-elements': ['warn', noOverlappingElements],
  'single-blank-start-event': ['error', singleBlankStartEvent],
  'single-event-definition': ['error', singleEventDefinition],
  'start-event-required': ['error', startEventRequired],
  'sub-process-blank-start-event': ['error', subProcessBlankStartEvent],
  'superfluous-gateway': ['warn', superfluousGateway],
};

const LINTING = {
  active: true,
  bpmnlint: {
    config: {
      rules: Object.fromEntries(Object.entries(LINT_RULES).map(([name, [level]]) => [name, level])),
    },
    resolver: {
      resolveRule(pkg, ruleName) {
        const rule = pkg === 'bpmnlint' && LINT_RULES[ruleName];
        if (!rule) {
          throw new Error(`unknown lint rule ${pkg}/${ruleName}`);
        }
        return rule[1];
      },
      resolveConfig(pkg, configName) {
        throw new Error(`no lint config ${pkg}/${configName} bundled`);
      },
    },
  },
};

class BpmnModelerElement extends HTMLElement {
  constructor() {
    super();
    this._xml = null;
    this._templates = [];
  }

  connectedCallback() {
    if (this._modeler) {
      return;
    }
    this._canvas = document.createElement('div');
    this._canvas.className = 'bpmn-modeler-canvas';
    this._panel = document.createElement('div');
    this._panel.className = 'bpmn-modeler-panel';
    this._error = document.createElement('div');
    this._error.className = 'bpmn-modeler-error';
    this._error.hidden = true;
    this.append(this._canvas, this._panel, this._error);
    this._modeler = new Modeler({
      container: this._canvas,
      propertiesPanel: { parent: this._panel },
      additionalModules: [
        BpmnPropertiesPanelModule,
        BpmnPropertiesProviderModule,
        CamundaPlatformPropertiesProviderModule,
        CamundaBehaviorsModule,
        ElementTemplatesPropertiesProviderModule,
        lintModule,
      ],
      linting: LINTING,
      moddleExtensions: { camunda: camundaModdle },
      elementTemplates: this._templates,
    });
    // tells Java whether undo/redo are possible, so its buttons follow the command stack
    this._modeler.on('commandStack.changed', () => {
      const stack = this._modeler.get('commandStack');
      this.dispatchEvent(new CustomEvent('stack-changed', {
        detail: { canUndo: stack.canUndo(), canRedo: stack.canRedo() },
      }));
    });
    this.tabIndex = 0;
    if (this._xml) {
      this._import();
    }
  }

  disconnectedCallback() {
    // keep the modeler: Vaadin may re-attach the same element, and the edits must survive that
  }

  set xml(value) {
    this._xml = value;
    if (this._modeler) {
      this._import();
    }
  }

  get xml() {
    return this._xml;
  }

  set templates(value) {
    try {
      this._templates = typeof value === 'string' ? JSON.parse(value || '[]') : (value || []);
    } catch (e) {
      this._templates = [];
    }
    if (this._modeler) {
      this._modeler.get('elementTemplatesLoader').setTemplates(this._templates);
    }
  }

  get templates() {
    return JSON.stringify(this._templates);
  }

  async _import() {
    try {
      await this._modeler.importXML(this._xml);
      this._modeler.get('canvas').zoom('fit-viewport', 'auto');
      this._error.hidden = true;
      this.dispatchEvent(new CustomEvent('imported'));
    } catch (e) {
      this._error.textContent = 'The diagram could not be opened: ' + e.message;
      this._error.hidden = false;
    }
  }

  async requestXml() {
    try {
      const { xml } = await this._modeler.saveXML({ format: true });
      this.dispatchEvent(new CustomEvent('xml-ready', { detail: { xml, error: null } }));
    } catch (e) {
      this.dispatchEvent(new CustomEvent('xml-ready', { detail: { xml: null, error: e.message } }));
    }
  }

  undo() {
    this._modeler?.get('commandStack').undo();
  }

  redo() {
    this._modeler?.get('commandStack').redo();
  }

  /** Saves the edited diagram as a file in the browser: nothing goes to the server. */
  async download(fileName) {
    const { xml } = await this._modeler.saveXML({ format: true });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([xml], { type: 'application/xml' }));
    link.download = fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }
}

customElements.define('bpmn-modeler', BpmnModelerElement);
