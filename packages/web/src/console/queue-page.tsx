import type { CallbackRequest, CreateSessionResponse, QueueEntry } from '@lensdesk/protocol';
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { formatDateTime, t } from '../i18n';
import { describeError } from '../shared/describe-error';
import { RequestError } from '../shared/errors';
import { ConfirmDialog } from '../shared/ui/confirm-dialog';
import { currentUser, handleAuthError } from './auth';
import { consoleSocket, type ConsoleSocket } from './console-socket';
import { CustomerLinkPanel } from './customer-link';
import { DataTable, TableSection } from './data-table';
import { OpenCallLink } from './invite-dialog';
import { ModalDialog } from './modal-dialog';
import { elapsedSince, useNow } from './queue-format';
import './queue.css';
import { navigate, sessionPath } from './router';

/** A short message above the tables about the last action. */
interface PageNotice {
  tone: 'info' | 'error';
  text: string;
}

/**
 * `/console/queue`: customers waiting for an agent, with their wait ticking and a Take button
 * each, and the open callback requests with Call back and Close. Updates live.
 */
export function QueuePage(): JSX.Element {
  const live = consoleSocket.value;
  const now = useNow();
  const [notice, setNotice] = useState<PageNotice | null>(null);
  const [invite, setInvite] = useState<{
    callback: CallbackRequest;
    response: CreateSessionResponse;
  } | null>(null);
  const [closing, setClosing] = useState<CallbackRequest | null>(null);
  const queue = live?.queue.value ?? null;

  const fail = (failure: unknown): void => {
    if (!handleAuthError(failure)) {
      setNotice({ tone: 'error', text: describeError(failure) });
    }
  };

  const take = async (entry: QueueEntry): Promise<void> => {
    if (live === null) {
      return;
    }
    setNotice(null);
    try {
      await live.accept(entry.sessionId);
      navigate(sessionPath(entry.sessionId));
    } catch (failure) {
      if (failure instanceof RequestError && failure.code === 'SESSION_TAKEN') {
        setNotice({
          tone: 'info',
          text: t('queuePage.taken', { customer: entry.customerName ?? t('cases.unnamed') }),
        });
        return;
      }
      fail(failure);
    }
  };

  const callBack = async (callback: CallbackRequest): Promise<void> => {
    if (live === null) {
      return;
    }
    setNotice(null);
    try {
      setInvite({ callback, response: await live.inviteCallback(callback.id) });
    } catch (failure) {
      fail(failure);
    }
  };

  const close = async (callback: CallbackRequest): Promise<void> => {
    setClosing(null);
    setNotice(null);
    try {
      await live?.closeCallback(callback.id);
    } catch (failure) {
      fail(failure);
    }
  };

  return (
    <>
      <div class="page-header">
        <h1>{t('queuePage.title')}</h1>
        {live !== null ? <LiveStatus live={live} /> : null}
      </div>
      {notice !== null ? (
        <p
          class={notice.tone === 'error' ? 'form-error' : 'notice notice-info'}
          role={notice.tone === 'error' ? 'alert' : 'status'}
        >
          {notice.text}
        </p>
      ) : null}
      {queue === null ? (
        <p role="status">{t('common.loading')}</p>
      ) : (
        <div class="queue-sections">
          <WaitingTable waiting={queue.waiting} now={now} onTake={(entry) => void take(entry)} />
          <CallbackTable
            callbacks={queue.callbacks}
            onCallBack={(callback) => void callBack(callback)}
            onClose={setClosing}
          />
        </div>
      )}
      {invite !== null ? (
        <CallbackInviteDialog
          callback={invite.callback}
          invite={invite.response}
          onClose={() => setInvite(null)}
        />
      ) : null}
      {closing !== null ? (
        <ConfirmDialog
          title={t('callbacks.closeTitle')}
          message={t('callbacks.closeBody', { customer: closing.name ?? t('cases.unnamed') })}
          confirmLabel={t('callbacks.closeConfirm')}
          cancelLabel={t('common.cancel')}
          onConfirm={() => void close(closing)}
          onCancel={() => setClosing(null)}
        />
      ) : null}
    </>
  );
}

/** Shows "Live" while the updates flow, and "Connecting…" while they do not. */
export function LiveStatus({ live }: { live: ConsoleSocket }): JSX.Element {
  const connected = live.connection.value === 'connected';
  return (
    <p class="live-status" role="status">
      <span class={connected ? 'live-dot live-dot-on' : 'live-dot'} aria-hidden="true" />
      {connected ? t('live.connected') : t('live.connecting')}
    </p>
  );
}

function WaitingTable(props: {
  waiting: QueueEntry[];
  now: number;
  onTake(entry: QueueEntry): void;
}): JSX.Element {
  const { waiting, now } = props;
  const me = currentUser.value?.id;
  return (
    <TableSection
      id="waiting-title"
      title={t('queuePage.waitingTitle', { count: waiting.length })}
      empty={t('queuePage.waitingEmpty')}
      isEmpty={waiting.length === 0}
    >
      <DataTable
        class="queue-table"
        caption={t('queuePage.waitingCaption')}
        columns={[
          t('queuePage.waited'),
          t('cases.customer'),
          t('case.productLine'),
          t('cases.topic'),
          t('cases.status'),
        ]}
        actions={t('cases.actions')}
      >
        {waiting.map((entry) => {
          const customer = entry.customerName ?? t('cases.unnamed');
          return (
            <tr key={entry.sessionId}>
              <td class="cell-clock" data-label={t('queuePage.waited')}>
                <time dateTime={entry.queuedAt}>{elapsedSince(entry.queuedAt, now)}</time>
              </td>
              <td data-label={t('cases.customer')}>
                {entry.customerName ?? <span class="muted">{t('cases.unnamed')}</span>}
                <DeviceLine entry={entry} />
              </td>
              <td data-label={t('case.productLine')}>
                {entry.productLine?.name ?? <span class="muted">{t('common.none')}</span>}
              </td>
              <td data-label={t('cases.topic')}>
                {entry.topic ?? <span class="muted">{t('common.none')}</span>}
              </td>
              <td data-label={t('cases.status')}>
                <QueueStatusTag entry={entry} me={me} />
              </td>
              <td class="cell-action">
                <button
                  type="button"
                  class="button button-primary"
                  aria-label={t('queuePage.takeLabel', { customer })}
                  onClick={() => props.onTake(entry)}
                >
                  {t('queuePage.take')}
                </button>
              </td>
            </tr>
          );
        })}
      </DataTable>
    </TableSection>
  );
}

function DeviceLine({ entry }: { entry: QueueEntry }): JSX.Element | null {
  const parts = [entry.modelNumber, entry.serialNumber].filter((part) => part !== null);
  return parts.length === 0 ? null : <span class="cell-sub">{parts.join(' · ')}</span>;
}

function QueueStatusTag({ entry, me }: { entry: QueueEntry; me: string | undefined }): JSX.Element {
  if (entry.status === 'ringing' && entry.offeredTo !== null) {
    const text =
      entry.offeredTo.id === me
        ? t('queuePage.ringingForYou')
        : t('queuePage.ringingFor', { agent: entry.offeredTo.name });
    return <span class="status-tag status-tag-ringing">{text}</span>;
  }
  return <span class="status-tag status-tag-waiting">{t('status.waiting')}</span>;
}

function CallbackTable(props: {
  callbacks: CallbackRequest[];
  onCallBack(callback: CallbackRequest): void;
  onClose(callback: CallbackRequest): void;
}): JSX.Element {
  const { callbacks } = props;
  return (
    <TableSection
      id="callbacks-title"
      title={t('callbacks.title', { count: callbacks.length })}
      empty={t('callbacks.empty')}
      isEmpty={callbacks.length === 0}
    >
      <DataTable
        class="queue-table"
        caption={t('callbacks.caption')}
        columns={[
          t('callbacks.requested'),
          t('cases.customer'),
          t('callbacks.contact'),
          t('case.productLine'),
          t('callbacks.description'),
        ]}
        actions={t('cases.actions')}
      >
        {callbacks.map((callback) => {
          const customer = callback.name ?? t('cases.unnamed');
          return (
            <tr key={callback.id}>
              <td data-label={t('callbacks.requested')}>
                <time dateTime={callback.createdAt}>{formatDateTime(callback.createdAt)}</time>
              </td>
              <td data-label={t('cases.customer')}>
                {callback.name ?? <span class="muted">{t('cases.unnamed')}</span>}
              </td>
              <td data-label={t('callbacks.contact')}>
                <ContactLinks callback={callback} />
              </td>
              <td data-label={t('case.productLine')}>
                {callback.productLine?.name ?? <span class="muted">{t('common.none')}</span>}
              </td>
              <td data-label={t('callbacks.description')} class="cell-description">
                {callback.description}
              </td>
              <td class="cell-action">
                <div class="row-actions">
                  <button
                    type="button"
                    class="button button-primary"
                    aria-label={t('callbacks.callBackLabel', { customer })}
                    onClick={() => props.onCallBack(callback)}
                  >
                    {t('callbacks.callBack')}
                  </button>
                  <button
                    type="button"
                    class="button"
                    aria-label={t('callbacks.closeLabel', { customer })}
                    onClick={() => props.onClose(callback)}
                  >
                    {t('callbacks.close')}
                  </button>
                </div>
              </td>
            </tr>
          );
        })}
      </DataTable>
    </TableSection>
  );
}

function ContactLinks({ callback }: { callback: CallbackRequest }): JSX.Element {
  return (
    <span class="contact-links">
      {callback.email !== null ? <a href={`mailto:${callback.email}`}>{callback.email}</a> : null}
      {callback.phone !== null ? (
        <a href={`tel:${callback.phone.replace(/[^+0-9]/g, '')}`}>{callback.phone}</a>
      ) : null}
    </span>
  );
}

/** The invite made for a callback request: how to reach the customer, and the link to send. */
function CallbackInviteDialog(props: {
  callback: CallbackRequest;
  invite: CreateSessionResponse;
  onClose(): void;
}): JSX.Element {
  const { callback, invite } = props;

  return (
    <ModalDialog
      titleId="callback-invite-title"
      title={t('callbacks.inviteTitle', { customer: callback.name ?? t('cases.unnamed') })}
      onClose={props.onClose}
    >
      <div class="stack">
        <p class="callback-problem">{callback.description}</p>
        <p class="muted">
          {t('callbacks.inviteLead')} <ContactLinks callback={callback} />
        </p>
        <CustomerLinkPanel customerUrl={invite.customerUrl} qrCodeSvgUrl={invite.qrCodeSvgUrl} />
        <div class="form-actions">
          <OpenCallLink sessionId={invite.id} onOpen={props.onClose} />
        </div>
      </div>
    </ModalDialog>
  );
}
