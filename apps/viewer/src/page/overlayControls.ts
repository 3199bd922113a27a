import { hexToRgb, rgbToHex } from '../internal/classColors';
import { el } from './dom';
import { LAYERS, type ClassStyle, type VolumeView } from './VolumeView';

/** Per overlay: shown or not and its opacity; per class: colour and shown or not. */
export function renderOverlayControls(
  layersBox: HTMLElement,
  classesTable: HTMLTableElement,
  view: VolumeView,
  classes: ClassStyle[],
): void {
  layersBox.replaceChildren(
    ...LAYERS.map((layer) => {
      const shown = el('input', { type: 'checkbox', checked: true, id: `${layer}-visible` });
      const opacity = el('input', {
        type: 'range',
        min: 0,
        max: 1,
        step: 0.05,
        value: 0.5,
        id: `${layer}-opacity`,
      });
      shown.addEventListener('change', () => view.setVisible(layer, shown.checked));
      opacity.addEventListener('input', () => view.setOpacity(layer, Number(opacity.value)));
      return el('label', {}, shown, ` ${layer} `, opacity);
    }),
  );
  classesTable.replaceChildren(
    ...classes.map((style) => {
      const color = el('input', { type: 'color', className: 'swatch', value: rgbToHex(style.color) });
      const shown = el('input', { type: 'checkbox', checked: style.visible });
      color.dataset.class = String(style.value);
      color.addEventListener('input', () => {
        style.color = hexToRgb(color.value);
        view.setClasses(classes);
      });
      shown.addEventListener('change', () => {
        style.visible = shown.checked;
        view.setClasses(classes);
      });
      return el(
        'tr',
        {},
        el('td', {}, color),
        el('td', {}, shown),
        el('td', {}, `${style.value} ${style.name}`),
      );
    }),
  );
  view.setClasses(classes);
}
