import type { PlanStyle } from '../../toolkit/render.js';
import type { Style } from './style.js';

export function planStyle(style: Style): PlanStyle {
  return {
    action: (action, text) =>
      action === 'create' || action === 'attach'
        ? style.green(text)
        : action === 'update' || action === 'move'
          ? style.yellow(text)
          : style.red(text),
    destructive: (text) => style.bold(style.red(text)),
    dim: style.dim,
  };
}
