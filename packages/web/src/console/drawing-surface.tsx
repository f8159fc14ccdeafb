import type { DisplayLayout, FramePoint } from '@lensdesk/protocol';
import { elementToFrame } from '@lensdesk/protocol';
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { AnnotationLayer } from '../shared/annotations/annotation-layer';
import { useDisplayLayout, type FrameElement } from '../shared/annotations/use-display-layout';
import type { AgentTools } from './agent-tools';

export interface DrawingSurfaceProps {
  tools: AgentTools;
  /** Element that shows the frame: the customer's video, or the frozen still. */
  frameElement: FrameElement | null;
  /** False while there is no picture to draw on. */
  enabled: boolean;
}

interface TextPrompt {
  at: FramePoint;
  x: number;
  y: number;
}

/**
 * Transparent layer over the customer's picture that turns mouse, pen and touch input into
 * annotations, and shows them. It covers the frame element's box exactly; the console shows the
 * frame with `object-fit: contain`, so points on the letterbox bars map outside 0..1, which the
 * protocol allows up to its margin.
 */
export function DrawingSurface(props: DrawingSurfaceProps): JSX.Element {
  const { tools, frameElement } = props;
  const surfaceRef = useRef<HTMLDivElement>(null);
  const layout = useDisplayLayout(frameElement, 'contain', false);
  const [prompt, setPrompt] = useState<TextPrompt | null>(null);
  const flushScheduled = useRef(false);
  const surface = tools.frozen.value?.id ?? 'live';

  // Moves are coalesced into one batch of operations per animation frame.
  const scheduleFlush = (): void => {
    if (flushScheduled.current) {
      return;
    }
    flushScheduled.current = true;
    requestAnimationFrame(() => {
      flushScheduled.current = false;
      tools.send(tools.machine.flush());
    });
  };

  const toFrame = (event: PointerEvent): FramePoint | null => {
    const element = surfaceRef.current;
    if (element === null || layout === null) {
      return null;
    }
    return framePointOf(event, element.getBoundingClientRect(), layout);
  };

  const onPointerDown = (event: PointerEvent): void => {
    const point = toFrame(event);
    if (point === null || (event.pointerType === 'mouse' && event.button !== 0)) {
      return;
    }
    event.preventDefault();
    (event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
    const result = tools.machine.press(point);
    if (result.kind === 'text') {
      const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
      setPrompt({ at: result.at, x: event.clientX - box.left, y: event.clientY - box.top });
    }
    scheduleFlush();
  };

  const onPointerMove = (event: PointerEvent): void => {
    const point = toFrame(event);
    if (point === null) {
      return;
    }
    if (tools.machine.drawing) {
      tools.machine.drag(point);
    } else {
      tools.machine.hover(point);
    }
    scheduleFlush();
  };

  const onPointerUp = (event: PointerEvent): void => {
    const point = toFrame(event);
    if (point !== null) {
      tools.send(tools.machine.release(point));
    }
  };

  const onPointerLeave = (): void => {
    if (!tools.machine.drawing) {
      tools.send(tools.machine.leave());
    }
  };

  return (
    <div
      ref={surfaceRef}
      class={props.enabled ? `drawing-surface tool-${tools.tool.value}` : 'drawing-surface off'}
      onPointerDown={props.enabled ? onPointerDown : undefined}
      onPointerMove={props.enabled ? onPointerMove : undefined}
      onPointerUp={props.enabled ? onPointerUp : undefined}
      onPointerCancel={() => tools.send(tools.machine.cancel())}
      onPointerLeave={onPointerLeave}
    >
      <AnnotationLayer store={tools.store} surface={surface} layout={layout} />
      {prompt !== null ? (
        <TextPromptInput
          prompt={prompt}
          onDone={(text) => {
            if (text !== null) {
              tools.send(tools.machine.placeText(prompt.at, text));
            }
            setPrompt(null);
          }}
        />
      ) : null}
    </div>
  );
}

/**
 * Maps a pointer event to a frame point. A drag that leaves the picture keeps going with the
 * point held at the surface's edge, because the pointer is captured.
 */
export function framePointOf(
  event: Pick<PointerEvent, 'clientX' | 'clientY'>,
  box: Pick<DOMRect, 'left' | 'top' | 'width' | 'height'>,
  layout: DisplayLayout,
): FramePoint {
  const x = Math.min(box.width, Math.max(0, event.clientX - box.left));
  const y = Math.min(box.height, Math.max(0, event.clientY - box.top));
  return elementToFrame({ x, y }, layout);
}

function TextPromptInput(props: {
  prompt: TextPrompt;
  onDone(text: string | null): void;
}): JSX.Element {
  const input = useRef<HTMLInputElement>(null);
  const done = useRef(false);

  useEffect(() => {
    input.current?.focus();
  }, []);

  const finish = (text: string | null): void => {
    if (!done.current) {
      done.current = true;
      props.onDone(text);
    }
  };

  return (
    <input
      ref={input}
      class="annotation-input"
      type="text"
      maxLength={200}
      aria-label={t('annotate.textInput')}
      placeholder={t('annotate.textHint')}
      style={{ left: `${props.prompt.x}px`, top: `${props.prompt.y}px` }}
      onPointerDown={(event) => event.stopPropagation()}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          finish(event.currentTarget.value);
        } else if (event.key === 'Escape') {
          event.preventDefault();
          finish(null);
        }
      }}
      onBlur={(event) => finish(event.currentTarget.value)}
    />
  );
}
