import type { PaletteColor } from '@lensdesk/protocol';
import { annotationPalette } from '@lensdesk/protocol';
import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import { t, type MessageKey } from '../i18n';
import type { DrawingTool } from '../shared/annotations/drawing';
import {
  ArrowToolIcon,
  CircleToolIcon,
  ClearIcon,
  PenIcon,
  PinIcon,
  PointerIcon,
  TextToolIcon,
  UndoIcon,
} from '../shared/ui/icons';
import type { AgentTools } from './agent-tools';

interface ToolButton {
  tool: DrawingTool;
  label: MessageKey;
  /** Key that selects the tool, as `aria-keyshortcuts` spells it. */
  key: string;
  icon: () => JSX.Element;
}

const toolButtons: readonly ToolButton[] = [
  { tool: 'pointer', label: 'annotate.pointer', key: 'P', icon: PointerIcon },
  { tool: 'circle', label: 'annotate.circle', key: 'C', icon: CircleToolIcon },
  { tool: 'arrow', label: 'annotate.arrow', key: 'A', icon: ArrowToolIcon },
  { tool: 'freehand', label: 'annotate.draw', key: 'D', icon: PenIcon },
  { tool: 'text', label: 'annotate.text', key: 'T', icon: TextToolIcon },
];

const paletteNames = Object.keys(annotationPalette) as PaletteColor[];

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const undoShortcut = isMac ? 'Meta+Z' : 'Control+Z';
const clearShortcut = 'Shift+Delete';
const pinShortcut = 'N';

/**
 * The agent's drawing toolbar: tools, colours, Pin, Undo and Clear. Every control also has a
 * keyboard shortcut (see `useToolShortcuts`), shown in its tooltip and `aria-keyshortcuts`.
 */
export function AnnotationToolbar(props: {
  tools: AgentTools;
  children?: JSX.Element;
}): JSX.Element {
  const { tools } = props;
  const current = tools.tool.value;
  const color = tools.color.value;
  useToolShortcuts(tools);

  return (
    <div class="annotation-toolbar" role="toolbar" aria-label={t('annotate.toolbar')}>
      <div class="tool-group">
        {toolButtons.map((button) => (
          <button
            key={button.tool}
            type="button"
            class="tool-button"
            aria-label={t(button.label)}
            aria-pressed={current === button.tool}
            aria-keyshortcuts={button.key}
            title={t('annotate.withShortcut', { name: t(button.label), shortcut: button.key })}
            onClick={() => tools.selectTool(button.tool)}
          >
            <button.icon />
          </button>
        ))}
      </div>
      <div class="tool-group swatches" role="radiogroup" aria-label={t('annotate.colour')}>
        {paletteNames.map((name, index) => (
          <label
            key={name}
            class="swatch"
            title={t('annotate.withShortcut', { name: t(`colour.${name}`), shortcut: index + 1 })}
            style={{ '--swatch': annotationPalette[name] }}
          >
            <input
              type="radio"
              name="annotation-colour"
              class="visually-hidden"
              aria-label={t(`colour.${name}`)}
              aria-keyshortcuts={String(index + 1)}
              checked={color === name}
              onChange={() => tools.selectColor(name)}
            />
          </label>
        ))}
      </div>
      <div class="tool-group">
        <button
          type="button"
          class="tool-button"
          aria-label={t('annotate.pin')}
          aria-pressed={tools.pinned.value}
          aria-keyshortcuts={pinShortcut}
          title={t('annotate.withShortcut', { name: t('annotate.pin'), shortcut: pinShortcut })}
          onClick={() => tools.togglePin()}
        >
          <PinIcon />
        </button>
        <button
          type="button"
          class="tool-button"
          aria-label={t('annotate.undo')}
          aria-keyshortcuts={undoShortcut}
          title={t('annotate.withShortcut', { name: t('annotate.undo'), shortcut: undoShortcut })}
          onClick={() => tools.undo()}
        >
          <UndoIcon />
        </button>
        <button
          type="button"
          class="tool-button"
          aria-label={t('annotate.clear')}
          aria-keyshortcuts={clearShortcut}
          title={t('annotate.withShortcut', { name: t('annotate.clear'), shortcut: clearShortcut })}
          onClick={() => tools.clear()}
        >
          <ClearIcon />
        </button>
      </div>
      {props.children}
    </div>
  );
}

/** Returns true when a key press belongs to a text field and not to the shortcuts. */
function typingInField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) {
    return false;
  }
  const editable = target.closest('input, textarea, select, [contenteditable="true"]');
  return editable !== null && !(target instanceof HTMLInputElement && target.type === 'radio');
}

/** Binds the toolbar's keyboard shortcuts while the call view is open. */
function useToolShortcuts(tools: AgentTools): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || typingInField(event.target)) {
        return;
      }
      const action = shortcutAction(event);
      if (action === null) {
        return;
      }
      event.preventDefault();
      if (action === 'undo') {
        tools.undo();
      } else if (action === 'clear') {
        tools.clear();
      } else if (action === 'pin') {
        tools.togglePin();
      } else if (typeof action === 'number') {
        const color = paletteNames[action];
        if (color !== undefined) {
          tools.selectColor(color);
        }
      } else {
        tools.selectTool(action);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [tools]);
}

type ShortcutAction = DrawingTool | 'undo' | 'clear' | 'pin' | number;

/** Maps a key press to a toolbar action, or null. Digits 1 to 7 pick a colour by index. */
export function shortcutAction(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>,
): ShortcutAction | null {
  const key = event.key.toLowerCase();
  if ((event.ctrlKey || event.metaKey) && !event.altKey && key === 'z' && !event.shiftKey) {
    return 'undo';
  }
  if (event.ctrlKey || event.metaKey || event.altKey) {
    return null;
  }
  if (event.shiftKey) {
    return event.key === 'Delete' ? 'clear' : null;
  }
  const tool = toolButtons.find((button) => button.key.toLowerCase() === key);
  if (tool !== undefined) {
    return tool.tool;
  }
  if (key === pinShortcut.toLowerCase()) {
    return 'pin';
  }
  const digit = Number.parseInt(key, 10);
  return /^[1-9]$/.test(key) && digit <= paletteNames.length ? digit - 1 : null;
}
