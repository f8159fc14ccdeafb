import type { CustomerLinkResponse, EnterQueueBody, PublicProductLine } from '@lensdesk/protocol';
import type { JSX } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { currentLocale, t } from '../i18n';
import { toRequestError } from '../shared/errors';
import { requestJson } from '../shared/http';
import {
  MediaAccessError,
  openCameraAndMicrophone,
  stopStream,
  type MediaFailure,
  type OpenedCamera,
} from '../shared/media';
import { CallbackForm } from './callback-form';
import type { EntryHost } from './entry-app';
import { LoadingScreen, ProblemScreen, useFocusHeading } from './screens';
import {
  entryParams,
  openingDay,
  problemForErrorCode,
  type CustomerProblem,
  type EntryParams,
} from './state';

type EntryView = 'form' | 'callback' | 'callback_sent';

// Camera failures after which a video call cannot work on this device, so a callback is offered.
const deviceCannotCall = new Set<MediaFailure>(['no_camera', 'insecure_context']);

/**
 * `/p/<slug>`, the page a product's QR code or a website button opens: the product line's
 * greeting, an optional name and description, and "Request video support", which turns on the
 * camera and joins the queue. Outside support hours it shows when support opens and offers a
 * callback request.
 */
export function EntryPage(props: { slug: string; host: EntryHost }): JSX.Element {
  const { slug } = props;
  const [line, setLine] = useState<PublicProductLine | null>(null);
  const [loadProblem, setLoadProblem] = useState<CustomerProblem | null>(null);
  const [view, setView] = useState<EntryView>('form');
  const [name, setName] = useState('');
  const [topic, setTopic] = useState('');

  const load = useCallback(async () => {
    setLoadProblem(null);
    try {
      const loaded = await fetchProductLine(slug);
      setLine(loaded);
      document.title = t('entry.pageTitle', { company: loaded.companyName });
    } catch (error) {
      setLoadProblem(problemForErrorCode(toRequestError(error).code));
    }
  }, [slug]);

  useEffect(() => void load(), [load]);

  if (loadProblem !== null) {
    return <ProblemScreen problem={loadProblem} onRetry={() => void load()} />;
  }
  if (line === null) {
    return <LoadingScreen />;
  }

  if (view === 'callback_sent') {
    return <ProblemScreen problem="callback_requested" />;
  }
  if (view === 'callback') {
    return (
      <CallbackForm
        company={line.companyName}
        lead={line.open ? t('callback.leadNoCamera') : t('callback.leadClosed')}
        initialName={name}
        initialDescription={topic}
        onSubmit={async (contact) => {
          await requestJson<{ id: string }>('/api/entry/callbacks', {
            method: 'POST',
            body: { ...contact, slug },
          });
          setView('callback_sent');
        }}
        onCancel={() => setView('form')}
        cancelLabel={t('callback.back')}
      />
    );
  }

  return (
    <EntryForm
      slug={slug}
      line={line}
      host={props.host}
      name={name}
      topic={topic}
      onName={setName}
      onTopic={setTopic}
      onClosed={() => void load()}
      onAskCallback={() => setView('callback')}
    />
  );
}

interface EntryFormProps {
  slug: string;
  line: PublicProductLine;
  host: EntryHost;
  name: string;
  topic: string;
  onName(value: string): void;
  onTopic(value: string): void;
  /** The server reported that support closed since the page loaded, so the page reloads it. */
  onClosed(): void;
  onAskCallback(): void;
}

function EntryForm(props: EntryFormProps): JSX.Element {
  const { line, host } = props;
  const heading = useFocusHeading();
  const [device] = useState<EntryParams>(() => entryParams(location.search));
  const [requesting, setRequesting] = useState(false);
  const [cameraProblem, setCameraProblem] = useState<MediaFailure | null>(null);
  const [requestError, setRequestError] = useState<string | null>(null);

  const request = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (requesting) {
      return;
    }
    setRequesting(true);
    setCameraProblem(null);
    setRequestError(null);
    // Inside the tap: iOS Safari plays the agent's sound later and opens the camera only now.
    host.remote.unlock();

    let camera: OpenedCamera;
    try {
      camera = await openCameraAndMicrophone(host.devices, 'environment');
    } catch (error) {
      setCameraProblem(error instanceof MediaAccessError ? error.failure : 'camera_failed');
      setRequesting(false);
      return;
    }

    try {
      const link = await enterQueue(props.slug, {
        ...device,
        customerName: props.name.trim() || undefined,
        topic: props.topic.trim() || undefined,
      });
      await host.continueWith(link, camera);
    } catch (error) {
      stopStream(camera.stream);
      setRequesting(false);
      const code = toRequestError(error).code;
      if (code === 'SUPPORT_CLOSED') {
        props.onClosed();
      } else {
        setRequestError(describeEntryError(code));
      }
    }
  };

  const deviceText = describeDevice(device);
  return (
    <main class="screen entry">
      <form class="screen-form" onSubmit={(event) => void request(event)}>
        <div class="screen-body">
          <p class="brand">{line.companyName}</p>
          <p class="entry-line">{line.name}</p>
          <h1 ref={heading} tabIndex={-1}>
            {t('entry.title')}
          </h1>
          <p class="lead">{line.greeting ?? t('entry.lead')}</p>
          {deviceText !== null ? <p class="entry-device">{deviceText}</p> : null}
          {line.open ? (
            <EntryFields
              name={props.name}
              topic={props.topic}
              onName={props.onName}
              onTopic={props.onTopic}
            />
          ) : (
            <ClosedNotice opensAt={line.opensAt} />
          )}
          {cameraProblem !== null ? <CameraProblem failure={cameraProblem} /> : null}
          {requestError !== null ? (
            <p class="inline-alert" role="alert">
              {requestError}
            </p>
          ) : null}
        </div>
        <div class="screen-actions stacked-actions">
          {line.open ? (
            <>
              <button
                type="submit"
                class="button button-primary button-large"
                disabled={requesting}
                aria-busy={requesting}
              >
                {requesting ? t('entry.requesting') : t('entry.request')}
              </button>
              {cameraProblem !== null && deviceCannotCall.has(cameraProblem) ? (
                <button type="button" class="button button-large" onClick={props.onAskCallback}>
                  {t('entry.askCallback')}
                </button>
              ) : (
                <p class="hint">{t('consent.permissionHint')}</p>
              )}
            </>
          ) : (
            <button
              type="button"
              class="button button-primary button-large"
              onClick={props.onAskCallback}
            >
              {t('entry.askCallback')}
            </button>
          )}
        </div>
      </form>
    </main>
  );
}

function EntryFields(props: {
  name: string;
  topic: string;
  onName(value: string): void;
  onTopic(value: string): void;
}): JSX.Element {
  return (
    <>
      <div class="form-fields">
        <label class="entry-field">
          <span>{t('entry.name')}</span>
          <input
            type="text"
            name="customerName"
            autoComplete="name"
            maxLength={120}
            value={props.name}
            onInput={(event) => props.onName(event.currentTarget.value)}
          />
        </label>
        <label class="entry-field">
          <span>{t('entry.topic')}</span>
          <input
            type="text"
            name="topic"
            autoComplete="off"
            maxLength={200}
            enterKeyHint="go"
            value={props.topic}
            onInput={(event) => props.onTopic(event.currentTarget.value)}
          />
        </label>
      </div>
      <section class="card" aria-labelledby="share-title">
        <h2 id="share-title">{t('consent.shareTitle')}</h2>
        <ul class="facts">
          <li>{t('entry.shareQueue')}</li>
          <li>{t('consent.rearFirst')}</li>
          <li>{t('consent.recording')}</li>
        </ul>
      </section>
    </>
  );
}

function ClosedNotice({ opensAt }: { opensAt: string | null }): JSX.Element {
  return (
    <section class="card closed-card" aria-labelledby="closed-title">
      <h2 id="closed-title">{t('entry.closedTitle')}</h2>
      <p>{opensAt === null ? t('entry.closedUnknown') : describeOpening(opensAt)}</p>
      <p>{t('entry.closedCallback')}</p>
    </section>
  );
}

function CameraProblem({ failure }: { failure: MediaFailure }): JSX.Element {
  return (
    <div class="inline-alert" role="alert">
      <p class="inline-alert-title">{t(`problem.${failure}.title`)}</p>
      <p>{t(`problem.${failure}.action`)}</p>
    </div>
  );
}

/** Reads "Opens today at 9:00 AM", "Opens tomorrow at …" or "Opens Monday, 3 March at …". */
function describeOpening(opensAt: string): string {
  const date = new Date(opensAt);
  const locale = currentLocale();
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(date);
  switch (openingDay(date, new Date())) {
    case 'today':
      return t('entry.opensToday', { time });
    case 'tomorrow':
      return t('entry.opensTomorrow', { time });
    case 'later': {
      const day = new Intl.DateTimeFormat(locale, {
        weekday: 'long',
        day: 'numeric',
        month: 'long',
      }).format(date);
      return t('entry.opensOn', { day, time });
    }
  }
}

function describeDevice(device: EntryParams): string | null {
  const { modelNumber, serialNumber } = device;
  if (modelNumber !== undefined && serialNumber !== undefined) {
    return t('entry.deviceBoth', { model: modelNumber, serial: serialNumber });
  }
  if (modelNumber !== undefined) {
    return t('entry.deviceModel', { model: modelNumber });
  }
  if (serialNumber !== undefined) {
    return t('entry.deviceSerial', { serial: serialNumber });
  }
  return null;
}

function describeEntryError(code: string): string {
  switch (code) {
    case 'RATE_LIMITED':
      return t('error.RATE_LIMITED');
    case 'PRODUCT_LINE_NOT_FOUND':
      return t('problem.page_not_found.body');
    case 'NETWORK_FAILED':
    case 'TIMEOUT':
      return t('error.NETWORK_FAILED');
    default:
      return t('entry.requestFailed');
  }
}

function fetchProductLine(slug: string): Promise<PublicProductLine> {
  return requestJson<PublicProductLine>(`/api/entry/${encodeURIComponent(slug)}`);
}

function enterQueue(slug: string, body: EnterQueueBody): Promise<CustomerLinkResponse> {
  return requestJson<CustomerLinkResponse>(`/api/entry/${encodeURIComponent(slug)}/sessions`, {
    method: 'POST',
    body,
  });
}
