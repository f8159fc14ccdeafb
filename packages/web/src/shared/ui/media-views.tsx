import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export interface VideoViewProps {
  stream: MediaStream | null;
  /** Accessible name of the video, such as "Customer video". */
  label: string;
  /** Local previews are muted so the speaker does not feed the microphone. */
  muted: boolean;
  mirrored?: boolean;
  class?: string;
  /** Receives the video element once mounted, and null when it unmounts. */
  onElement?(element: HTMLVideoElement | null): void;
}

/**
 * Video element bound to a `MediaStream`. `playsinline` keeps iOS Safari from switching to
 * full-screen playback.
 */
export function VideoView(props: VideoViewProps): JSX.Element {
  const video = useRef<HTMLVideoElement>(null);
  const onElement = props.onElement;

  useEffect(() => {
    onElement?.(video.current);
    return () => onElement?.(null);
  }, [onElement]);

  useEffect(() => {
    const element = video.current;
    if (element === null || element.srcObject === props.stream) {
      return;
    }
    element.srcObject = props.stream;
    if (props.stream !== null) {
      element.play().catch(() => undefined);
    }
  }, [props.stream]);

  useEffect(() => {
    const element = video.current;
    if (element !== null) {
      // The `muted` property does not reflect to the attribute; `defaultMuted` does, and some
      // browsers only autoplay elements that carry the attribute.
      element.defaultMuted = props.muted;
      element.muted = props.muted;
    }
  }, [props.muted]);

  const classes = [props.class, props.mirrored ? 'mirrored' : ''].filter(Boolean).join(' ');
  return (
    <video
      ref={video}
      class={classes}
      aria-label={props.label}
      autoplay
      playsInline
      muted={props.muted}
    />
  );
}

/**
 * Places an element that lives outside Preact, such as a video element that was started inside
 * a click handler, into the component tree.
 */
export function MountedElement(props: { element: HTMLElement; class?: string }): JSX.Element {
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    host.current?.appendChild(props.element);
    return () => props.element.remove();
  }, [props.element]);

  return <div ref={host} class={props.class} />;
}
