/**
 * Drawing a chart inside the page's Content-Security-Policy: vega-embed with the expression
 * interpreter (`ast: true`, no `eval`), the canvas renderer (the SVG renderer writes `style`
 * attributes), no default `<style>` element, no actions menu (no "open in editor"), tooltips
 * styled by chart.css, and a loader that loads nothing: every dataset arrives by name through
 * `view.change`, never from a URL. The View is kept by its component, never put on `window`.
 *
 * Imported on demand (`import('./embed-chart.ts')`): Vega stays out of the page's first load.
 */
import { changeset, type Loader, type View } from 'vega';
import embed from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';

/** A loader that refuses every URL (data, images, links): a spec cannot reach another origin. */
const refuse = (uri: string) => Promise.reject(new Error(`Charts do not load URLs (${uri}).`));
const NO_LOADS: Loader = { load: refuse, sanitize: refuse, http: refuse, file: refuse };

/**
 * Embeds `spec` (Vega-Lite JSON) into `container` (emptied first) with the first rows of its named
 * datasets (Vega-Lite's top-level `datasets`: the names stay, so later rows go by `view.change`),
 * and returns its view.
 */
export async function embedChart(container: HTMLElement, spec: Record<string, unknown>, datasets: Record<string, Record<string, unknown>[]>): Promise<View> {
  const withData = { ...withLayoutOnUpdate(spec), datasets: structuredClone(datasets) };
  const result = await embed(container, withData as never, {
    mode: 'vega-lite',
    renderer: 'canvas',
    actions: false,
    defaultStyle: false,
    ast: true,
    expr: expressionInterpreter,
    loader: NO_LOADS,
    tooltip: { disableDefaultStyle: true, theme: 'tagbook' },
  });
  return result.view;
}

/**
 * The datasets arrive after the embed (and change on every threshold move), so the layout is
 * computed again on each update (`autosize.resize`): axis labels and titles keep their room.
 */
function withLayoutOnUpdate(spec: Record<string, unknown>): Record<string, unknown> {
  const autosize = spec.autosize;
  if (typeof autosize === 'string') return { ...spec, autosize: { type: autosize, resize: true } };
  if (typeof autosize === 'object' && autosize !== null) return { ...spec, autosize: { ...autosize, resize: true } };
  return { ...spec, autosize: { type: 'pad', resize: true } };
}

/**
 * Replaces the rows of each named dataset the view has (a dataset the spec does not use is
 * skipped) and re-runs the dataflow: no re-embedding, so a threshold drag repaints only.
 */
export async function putDatasets(view: View, datasets: Record<string, Record<string, unknown>[]>): Promise<void> {
  for (const [name, rows] of Object.entries(datasets)) {
    if (!hasDataset(view, name)) continue;
    view.change(
      name,
      changeset()
        .remove(() => true)
        .insert(rows.map((row) => ({ ...row }))),
    );
  }
  await view.runAsync();
}

function hasDataset(view: View, name: string): boolean {
  try {
    view.data(name);
    return true;
  } catch {
    return false;
  }
}
