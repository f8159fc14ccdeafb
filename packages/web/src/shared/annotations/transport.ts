import type { AnnotationMessage } from '@lensdesk/protocol';
import { signal } from '@preact/signals';
import type { AnnotationStore } from './store';

/** The part of `RTCDataChannel` the transport uses, so tests can pass a fake. */
export interface DataChannelLike {
  readonly readyState: RTCDataChannelState;
  send(data: string): void;
  addEventListener(
    type: 'open' | 'close' | 'error' | 'message',
    listener: (event: Event) => void,
  ): void;
  removeEventListener(
    type: 'open' | 'close' | 'error' | 'message',
    listener: (event: Event) => void,
  ): void;
}

export interface AnnotationTransportOptions {
  store: AnnotationStore;
  /** Returns the message when `value` is a valid annotation message, or null. */
  parse(value: unknown): AnnotationMessage | null;
  /** Emits `annotation:op` through the signaling server. */
  emit(message: AnnotationMessage): Promise<unknown>;
  onError?(error: unknown, context: string): void;
}

/**
 * Carries annotation messages between the peers. Every message goes over the WebRTC data
 * channel while it is open, because that path skips the server and is fastest. Messages that are
 * not about a pointer also go through the server, which stores them for late joiners. Pointer
 * messages take that path only while the channel is closed. The receiver applies the first copy,
 * and the reducer ignores the second by its operation id.
 */
export class AnnotationTransport {
  /** True while the data channel is open. */
  readonly channelOpen = signal(false);

  private readonly options: AnnotationTransportOptions;
  private channel: DataChannelLike | null = null;
  private detachChannel: (() => void) | null = null;

  constructor(options: AnnotationTransportOptions) {
    this.options = options;
  }

  /** Uses `channel` from now on, or none; the previous channel's listeners are removed. */
  attachChannel(channel: DataChannelLike | null): void {
    this.detachChannel?.();
    this.detachChannel = null;
    this.channel = channel;
    this.channelOpen.value = channel?.readyState === 'open';
    if (channel === null) {
      return;
    }

    const update = (): void => {
      if (this.channel === channel) {
        this.channelOpen.value = channel.readyState === 'open';
      }
    };
    const receive = (event: Event): void => this.receiveChannelData((event as MessageEvent).data);
    for (const type of ['open', 'close', 'error'] as const) {
      channel.addEventListener(type, update);
    }
    channel.addEventListener('message', receive);
    this.detachChannel = () => {
      for (const type of ['open', 'close', 'error'] as const) {
        channel.removeEventListener(type, update);
      }
      channel.removeEventListener('message', receive);
    };
  }

  /** Applies a local message at once and sends it to the other side. */
  send(message: AnnotationMessage): void {
    // Decided before applying, because a removed pointer is no longer in the state afterwards.
    const transient = this.isPointerMessage(message);
    this.options.store.apply(message);

    const sentOnChannel = this.sendOnChannel(message);
    if (transient && sentOnChannel) {
      return;
    }
    this.options.emit(message).catch((error: unknown) => {
      this.options.onError?.(error, 'annotation:op');
    });
  }

  /** Handles a message that arrived through the signaling server. */
  receive(value: unknown): boolean {
    const message = this.options.parse(value);
    if (message === null) {
      this.options.onError?.(new Error('Invalid annotation message.'), 'annotation:receive');
      return false;
    }
    return this.options.store.apply(message);
  }

  /** Closes nothing, but stops listening to the current channel. */
  dispose(): void {
    this.attachChannel(null);
  }

  private receiveChannelData(data: unknown): void {
    if (typeof data !== 'string') {
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(data);
    } catch (error) {
      this.options.onError?.(error, 'annotation:channel');
      return;
    }
    this.receive(value);
  }

  private sendOnChannel(message: AnnotationMessage): boolean {
    const channel = this.channel;
    if (channel === null || channel.readyState !== 'open') {
      return false;
    }
    try {
      channel.send(JSON.stringify(message));
      return true;
    } catch (error) {
      // A channel that closes between the check and the send throws; the socket still works.
      this.options.onError?.(error, 'annotation:channel');
      return false;
    }
  }

  /** Returns true for operations on a pointer, which the server neither stores nor logs. */
  private isPointerMessage(message: AnnotationMessage): boolean {
    const op = message.op;
    if (op.type === 'add') {
      return op.annotation.type === 'pointer';
    }
    if (op.type !== 'update' && op.type !== 'remove') {
      return false;
    }
    const state = this.options.store.surfaces.peek().get(message.surface);
    const target = state?.annotations.find((annotation) => annotation.id === op.id);
    return target?.type === 'pointer';
  }
}
