import type { ChatMessage, maxChatLength } from '@lensdesk/protocol';
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatTime, t } from '../../i18n';
import { describeError } from '../describe-error';
import { SendIcon } from './icons';

// Importing the value would bundle zod with every page, so the type checker ties this copy to
// the protocol's literal instead.
const maxMessageLength: typeof maxChatLength = 2000;

export interface ChatPanelProps {
  messages: readonly ChatMessage[];
  /** Participant using this browser, whose own messages read "You". */
  self: ChatMessage['sender'];
  onSend(text: string): Promise<void>;
  /** Id of the panel's heading, for `aria-labelledby` on a surrounding region or dialog. */
  headingId: string;
  /** Extra controls at the end of the heading row, such as a close button. */
  headerActions?: JSX.Element;
  autoFocus?: boolean;
}

/** Message list and composer shared by the customer page and the console. */
export function ChatPanel(props: ChatPanelProps): JSX.Element {
  return (
    <div class="chat">
      <div class="chat-header">
        <h2 id={props.headingId}>{t('chat.title')}</h2>
        {props.headerActions}
      </div>
      <MessageList messages={props.messages} self={props.self} />
      <Composer onSend={props.onSend} autoFocus={props.autoFocus ?? false} />
    </div>
  );
}

function MessageList(props: Pick<ChatPanelProps, 'messages' | 'self'>): JSX.Element {
  const list = useRef<HTMLDivElement>(null);

  // Keep the newest message in view.
  useEffect(() => {
    const element = list.current;
    if (element !== null) {
      element.scrollTop = element.scrollHeight;
    }
  }, [props.messages.length]);

  return (
    <div ref={list} class="chat-messages" role="log" aria-label={t('chat.messages')}>
      {props.messages.length === 0 ? <p class="chat-empty">{t('chat.empty')}</p> : null}
      <ol class="chat-list">
        {props.messages.map((message) => (
          <li key={message.id} class={message.sender === props.self ? 'chat-own' : 'chat-other'}>
            <span class="chat-meta">
              {message.sender === props.self ? t('chat.you') : message.senderName}
              {' · '}
              <time dateTime={message.sentAt}>{formatTime(message.sentAt)}</time>
            </span>
            <span class="chat-text">{message.text}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

function Composer(props: { onSend(text: string): Promise<void>; autoFocus: boolean }): JSX.Element {
  const [draft, setDraft] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (props.autoFocus) {
      input.current?.focus();
    }
  }, [props.autoFocus]);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const text = draft.trim();
    if (text === '' || sending) {
      return;
    }
    setSending(true);
    setError(null);
    try {
      await props.onSend(text);
      setDraft('');
    } catch (failure) {
      setError(t('chat.sendFailed', { reason: describeError(failure) }));
    } finally {
      setSending(false);
      input.current?.focus();
    }
  };

  return (
    <>
      {error !== null ? (
        <p class="chat-error" role="alert">
          {error}
        </p>
      ) : null}
      <form class="chat-form" onSubmit={(event) => void submit(event)}>
        <input
          ref={input}
          type="text"
          aria-label={t('chat.message')}
          placeholder={t('chat.message')}
          value={draft}
          maxLength={maxMessageLength}
          enterKeyHint="send"
          autoComplete="off"
          onInput={(event) => setDraft(event.currentTarget.value)}
        />
        <button type="submit" class="button button-primary chat-send" disabled={sending}>
          <SendIcon />
          <span>{t('chat.send')}</span>
        </button>
      </form>
    </>
  );
}
