import { signal } from '@preact/signals';

/**
 * The element that plays the other participant's video and audio. It is created once per page,
 * so a click handler can call `unlock` on it before any stream exists: iOS Safari then lets it
 * play sound later. Whether frames arrive is read from the element, because remote tracks in
 * Chromium can stay `muted` although frames are decoded (seen after an offer rollback).
 */
export class RemoteMedia {
  readonly element: HTMLVideoElement;
  /** True while the element shows decoded video frames. */
  readonly hasFrames = signal(false);
  /** True when the browser refused to play sound until the user taps once more. */
  readonly soundBlocked = signal(false);

  constructor(label: string) {
    const video = document.createElement('video');
    video.playsInline = true;
    video.autoplay = true;
    video.setAttribute('playsinline', '');
    video.setAttribute('aria-label', label);

    const update = (): void => {
      this.hasFrames.value = video.srcObject !== null && video.videoWidth > 0;
    };
    for (const event of ['loadeddata', 'resize', 'playing', 'emptied']) {
      video.addEventListener(event, update);
    }
    this.element = video;
  }

  setLabel(label: string): void {
    this.element.setAttribute('aria-label', label);
  }

  /** Starts playback inside a user gesture, so that later playback may include sound. */
  unlock(): void {
    this.element.play().catch(() => undefined);
  }

  /** Shows `stream`, with sound when the browser allows it. */
  attach(stream: MediaStream | null): void {
    const video = this.element;
    if (video.srcObject === stream) {
      return;
    }
    video.srcObject = stream;
    if (stream === null) {
      this.hasFrames.value = false;
      return;
    }
    void this.playWithSound();
  }

  /** Turns sound on after the browser blocked it; call from a click handler. */
  enableSound(): void {
    this.element.muted = false;
    this.element.play().catch(() => undefined);
    this.soundBlocked.value = false;
  }

  private async playWithSound(): Promise<void> {
    const video = this.element;
    video.muted = false;
    try {
      await video.play();
      this.soundBlocked.value = false;
    } catch (error) {
      // Autoplay policies reject sound without a recent user gesture; muted playback is allowed.
      if (error instanceof DOMException && error.name === 'NotAllowedError') {
        video.muted = true;
        this.soundBlocked.value = true;
        await video.play().catch(() => undefined);
      }
    }
  }
}
