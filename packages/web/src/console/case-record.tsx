import type { SessionDetail } from '@lensdesk/protocol';
import type { JSX } from 'preact';
import { formatDateTime, formatTime, t } from '../i18n';
import { CaseSnapshots } from './case-snapshots';
import { CaseSurvey } from './case-survey';
import { dispositionLabel, eventDetails, eventLabel, statusLabel } from './labels';
import { linkExpiredUnused, type ExpirySource } from './link-expiry';

function optionalTime(iso: string | null): string {
  return iso === null ? t('common.none') : formatDateTime(iso);
}

/** Renders the session's status as a tag, or "Expired" when the link ran out before the call. */
export function StatusTag({ session }: { session: ExpirySource }): JSX.Element {
  if (linkExpiredUnused(session, Date.now())) {
    return <span class="status-tag status-tag-expired">{t('status.expired')}</span>;
  }
  return (
    <span class={`status-tag status-tag-${session.status}`}>{statusLabel(session.status)}</span>
  );
}

/**
 * Everything stored about a case: details, notes, snapshots, the event log and the chat
 * transcript.
 */
export function CaseRecord({ detail }: { detail: SessionDetail }): JSX.Element {
  return (
    <div class="case-record">
      <CaseDetails detail={detail} />
      <section class="card" aria-labelledby="case-notes-title">
        <h2 id="case-notes-title">{t('case.notes')}</h2>
        <p class="notes">
          {detail.notes ? detail.notes : <span class="muted">{t('case.noNotes')}</span>}
        </p>
      </section>
      <CaseSurvey survey={detail.survey} />
      <CaseSnapshots sessionId={detail.id} />
      <EventLog events={detail.events} />
      <ChatTranscript messages={detail.chat} />
    </div>
  );
}

function CaseDetails({ detail }: { detail: SessionDetail }): JSX.Element {
  return (
    <section class="card" aria-labelledby="case-details-title">
      <h2 id="case-details-title">{t('case.details')}</h2>
      <dl class="details">
        <dt>{t('case.status')}</dt>
        <dd>
          <StatusTag session={detail} />
        </dd>
        <dt>{t('case.disposition')}</dt>
        <dd>{dispositionLabel(detail.disposition)}</dd>
        <dt>{t('case.resolution')}</dt>
        <dd>{detail.resolution?.label ?? t('common.none')}</dd>
        <dt>{t('case.customer')}</dt>
        <dd>{detail.customerName ?? t('cases.unnamed')}</dd>
        <dt>{t('case.topic')}</dt>
        <dd>{detail.topic ?? t('common.none')}</dd>
        <dt>{t('case.productLine')}</dt>
        <dd>{detail.productLine?.name ?? t('common.none')}</dd>
        <dt>{t('case.serialNumber')}</dt>
        <dd class={detail.serialNumber === null ? undefined : 'mono'}>
          {detail.serialNumber ?? t('common.none')}
        </dd>
        <dt>{t('case.modelNumber')}</dt>
        <dd class={detail.modelNumber === null ? undefined : 'mono'}>
          {detail.modelNumber ?? t('common.none')}
        </dd>
        <dt>{t('case.agent')}</dt>
        <dd>{detail.agent?.name ?? t('common.none')}</dd>
        <dt>{t('case.created')}</dt>
        <dd>{formatDateTime(detail.createdAt)}</dd>
        <dt>{t('case.started')}</dt>
        <dd>{optionalTime(detail.startedAt)}</dd>
        <dt>{t('case.ended')}</dt>
        <dd>{optionalTime(detail.endedAt)}</dd>
      </dl>
    </section>
  );
}

function EventLog({ events }: { events: SessionDetail['events'] }): JSX.Element {
  return (
    <section class="card" aria-labelledby="case-events-title">
      <h2 id="case-events-title">{t('case.events')}</h2>
      <table class="events">
        <thead>
          <tr>
            <th scope="col">{t('case.eventTime')}</th>
            <th scope="col">{t('case.eventType')}</th>
            <th scope="col">{t('case.eventActor')}</th>
            <th scope="col">{t('case.eventDetails')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id}>
              <td>
                <time dateTime={event.at}>{formatTime(event.at)}</time>
              </td>
              <td>{eventLabel(event)}</td>
              <td>{t(`actor.${event.actorType}`)}</td>
              <td>{eventDetails(event)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ChatTranscript({ messages }: { messages: SessionDetail['chat'] }): JSX.Element {
  return (
    <section class="card" aria-labelledby="case-chat-title">
      <h2 id="case-chat-title">{t('case.chat')}</h2>
      {messages.length === 0 ? (
        <p class="muted">{t('case.noChat')}</p>
      ) : (
        <ol class="transcript">
          {messages.map((message) => (
            <li key={message.id}>
              <span class="chat-meta">
                {message.senderName} ({t(`actor.${message.sender}`)}) ·{' '}
                <time dateTime={message.sentAt}>{formatTime(message.sentAt)}</time>
              </span>
              <span class="chat-text">{message.text}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
