// <apex-chart>: an ApexCharts chart. io.cvatqueue.analytics.ui.ApexChart sets the `options` attribute to the
// chart's options as JSON; the chart is drawn again whenever it changes. Light DOM on purpose: ApexCharts adds
// its stylesheet to the document and measures its container.
import ApexCharts from 'apexcharts';

class ApexChartElement extends HTMLElement {
  static get observedAttributes() {
    return ['options'];
  }

  connectedCallback() {
    this.style.display = 'block';
    this._render();
  }

  disconnectedCallback() {
    this._destroy();
  }

  attributeChangedCallback() {
    if (this.isConnected) {
      this._render();
    }
  }

  _render() {
    const json = this.getAttribute('options');
    if (!json) {
      return;
    }
    let options;
    try {
      options = JSON.parse(json);
    } catch (e) {
      console.error('apex-chart: options are not JSON', e);
      return;
    }
    // a new chart rather than updateOptions(): the type or axis kind may change, which ApexCharts does not
    // update in place reliably
    this._destroy();
    this._container = document.createElement('div');
    this.replaceChildren(this._container);
    this._chart = new ApexCharts(this._container, options);
    this._chart.render();
  }

  _destroy() {
    if (this._chart) {
      this._chart.destroy();
      this._chart = null;
    }
  }
}

if (!customElements.get('apex-chart')) {
  customElements.define('apex-chart', ApexChartElement);
}
