import type { JSX } from 'preact';
import { useEffect, useId, useState } from 'preact/hooks';
import { t } from '../i18n';
import { describeError } from '../shared/describe-error';
import { RequestError } from '../shared/errors';
import {
  barcodesNotInCandidates,
  confidencePercent,
  cropStyle,
  type ReadBarcode,
  type SerialCandidate,
} from './serial-reading';
import type { ReadOutcome, ReadProblem, SerialReader } from './serial-reader';

/**
 * Renders the "Serial reading" panel: the case's product line, serial and model numbers, and the result of the last
 * read with a button per value to store it in the case.
 */
export function SerialPanel({ reader }: { reader: SerialReader }): JSX.Element {
  const outcome = reader.outcome.value;
  const phase = reader.phase.value;
  const problem = reader.problem.value;

  return (
    <section class="serial-panel" aria-labelledby="serial-reading-title">
      <h2 id="serial-reading-title">{t('reading.title')}</h2>
      <ProductLineSelect reader={reader} />
      <p class="reading-status" role="status">
        {phase === 'capturing' ? t('reading.capturing') : null}
        {phase === 'reading' ? t('reading.reading') : null}
        {phase === 'idle' && reader.saved.value ? t('reading.saved') : null}
      </p>
      {problem !== null ? (
        <p class="form-error" role="alert">
          {describeReadProblem(problem)}
        </p>
      ) : null}
      {outcome !== null ? (
        <ReadOutcomeView reader={reader} outcome={outcome} stale={phase !== 'idle'} />
      ) : null}
      <CaseNumbersForm reader={reader} />
    </section>
  );
}

function ProductLineSelect({ reader }: { reader: SerialReader }): JSX.Element {
  const id = useId();
  const lines = reader.productLines.value;
  return (
    <div class="field field-inline">
      <label for={id}>{t('reading.productLine')}</label>
      <select
        id={id}
        value={reader.fields.value.productLineId ?? ''}
        disabled={reader.saving.value}
        onChange={(event) => {
          const value = event.currentTarget.value;
          void reader.selectProductLine(value === '' ? null : value);
        }}
      >
        <option value="">{t('reading.noProductLine')}</option>
        {lines.map((line) => (
          <option key={line.id} value={line.id}>
            {line.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function ReadOutcomeView(props: {
  reader: SerialReader;
  outcome: ReadOutcome;
  stale: boolean;
}): JSX.Element {
  const { reader, outcome } = props;
  const { result, candidates } = outcome;
  const barcodes = barcodesNotInCandidates(result.barcodes, candidates);
  const nothing = candidates.length === 0 && barcodes.length === 0;

  return (
    <div class={props.stale ? 'read-outcome read-outcome-stale' : 'read-outcome'}>
      <ReadPreview outcome={outcome} />
      {nothing ? <p class="muted">{t('reading.nothingFound')}</p> : null}
      {candidates.length > 0 ? (
        <ol class="read-values" aria-label={t('reading.candidates')}>
          {candidates.map((candidate, index) => (
            <CandidateRow
              key={candidate.value}
              reader={reader}
              candidate={candidate}
              best={index === 0}
            />
          ))}
        </ol>
      ) : null}
      {barcodes.length > 0 ? (
        <ul class="read-values" aria-label={t('reading.barcodes')}>
          {barcodes.map((barcode) => (
            <BarcodeRow
              key={`${barcode.format}:${barcode.value}`}
              reader={reader}
              barcode={barcode}
            />
          ))}
        </ul>
      ) : null}
      {result.text.length > 0 ? (
        <details class="read-text">
          <summary>{t('reading.allText', { count: result.text.length })}</summary>
          <ul>
            {result.text.map((line, index) => (
              <li key={index}>{line.value}</li>
            ))}
          </ul>
        </details>
      ) : null}
      <div class="read-outcome-actions">
        <span class="muted">{t('reading.duration', { ms: Math.round(result.durationMs) })}</span>
        <button type="button" class="button button-quiet" onClick={() => reader.dismiss()}>
          {t('reading.dismiss')}
        </button>
      </div>
    </div>
  );
}

/** Shows the part of the snapshot that was read, or the whole snapshot for a scan. */
function ReadPreview({ outcome }: { outcome: ReadOutcome }): JSX.Element {
  const { snapshot, region } = outcome;
  const label = region === null ? t('reading.previewWhole') : t('reading.previewRegion');
  const box = region ?? { x: 0, y: 0, width: 1, height: 1 };
  const crop = cropStyle(box, snapshot);
  // A wide crop spans the panel, while a tall one keeps a fixed height so it never fills the column.
  const wide = box.width * snapshot.width >= 2 * box.height * snapshot.height;
  const size = wide ? { width: '100%' } : { height: '9rem' };
  return (
    <div
      class="read-preview"
      role="img"
      aria-label={label}
      style={{ ...crop, ...size, backgroundImage: `url("${snapshot.url}")` }}
    />
  );
}

function CandidateRow(props: {
  reader: SerialReader;
  candidate: SerialCandidate;
  /** True for the first candidate, whose "Use as serial" is the primary button. */
  best: boolean;
}): JSX.Element {
  const { candidate } = props;
  return (
    <li class="read-value">
      <span class="read-value-text">{candidate.value}</span>
      <span class="read-value-meta">
        {t('reading.confidence', { percent: confidencePercent(candidate.confidence) })}
        {candidate.pattern !== undefined
          ? ` · ${t('reading.matches', { pattern: patternLabel(props.reader, candidate.pattern) })}`
          : ''}
      </span>
      <UseButtons reader={props.reader} value={candidate.value} primary={props.best} />
    </li>
  );
}

/** Names a pattern by its product line when the server names it by the line's slug. */
function patternLabel(reader: SerialReader, pattern: string): string {
  const line = reader.productLines.value.find((each) => each.slug === pattern);
  return line?.name ?? pattern;
}

function BarcodeRow(props: { reader: SerialReader; barcode: ReadBarcode }): JSX.Element {
  const { barcode } = props;
  return (
    <li class="read-value">
      <span class="read-value-text">{barcode.value}</span>
      <span class="read-value-meta">{t('reading.barcode', { format: barcode.format })}</span>
      <UseButtons reader={props.reader} value={barcode.value} primary={false} />
    </li>
  );
}

/** Renders "Use … as serial" and "Use … as model". The value itself is shown above the buttons. */
function UseButtons(props: { reader: SerialReader; value: string; primary: boolean }): JSX.Element {
  const { reader, value } = props;
  const saving = reader.saving.value;
  return (
    <span class="read-value-actions">
      <button
        type="button"
        class={props.primary ? 'button button-small button-primary' : 'button button-small'}
        aria-label={t('reading.useAsSerial', { value })}
        disabled={saving}
        onClick={() => void reader.useValue('serialNumber', value)}
      >
        {t('reading.useAsSerialShort')}
      </button>
      <button
        type="button"
        class="button button-small"
        aria-label={t('reading.useAsModel', { value })}
        disabled={saving}
        onClick={() => void reader.useValue('modelNumber', value)}
      >
        {t('reading.useAsModelShort')}
      </button>
    </span>
  );
}

/** Shows the case's serial and model numbers in fields that the agent can edit and save. */
function CaseNumbersForm({ reader }: { reader: SerialReader }): JSX.Element {
  const fields = reader.fields.value;
  const [serial, setSerial] = useState(fields.serialNumber ?? '');
  const [model, setModel] = useState(fields.modelNumber ?? '');
  const serialId = useId();
  const modelId = useId();

  // A value stored from a read replaces what the fields show.
  useEffect(() => setSerial(fields.serialNumber ?? ''), [fields.serialNumber]);
  useEffect(() => setModel(fields.modelNumber ?? ''), [fields.modelNumber]);

  const changed =
    serial.trim() !== (fields.serialNumber ?? '') || model.trim() !== (fields.modelNumber ?? '');

  return (
    <form
      class="case-numbers"
      onSubmit={(event) => {
        event.preventDefault();
        void reader.saveNumbers(serial, model);
      }}
    >
      <div class="field field-inline">
        <label for={serialId}>{t('reading.serialNumber')}</label>
        <input
          id={serialId}
          class="mono"
          value={serial}
          maxLength={64}
          autocomplete="off"
          spellcheck={false}
          onInput={(event) => setSerial(event.currentTarget.value)}
        />
      </div>
      <div class="field field-inline">
        <label for={modelId}>{t('reading.modelNumber')}</label>
        <input
          id={modelId}
          class="mono"
          value={model}
          maxLength={64}
          autocomplete="off"
          spellcheck={false}
          onInput={(event) => setModel(event.currentTarget.value)}
        />
      </div>
      <div class="case-numbers-actions">
        <button
          type="submit"
          class="button button-small"
          disabled={!changed || reader.saving.value}
        >
          {t('reading.save')}
        </button>
      </div>
    </form>
  );
}

function describeReadProblem(problem: ReadProblem): string {
  if (problem.kind === 'capture') {
    return t(`reading.captureFailed.${problem.reason}`);
  }
  const { error } = problem;
  if (problem.kind === 'read' && error instanceof RequestError) {
    if (error.code === 'VALIDATION_FAILED') {
      return t('reading.badRegion');
    }
    if (error.code === 'NOT_READY') {
      return t('reading.busy');
    }
    if (error.code === 'SNAPSHOT_NOT_FOUND') {
      return t('reading.snapshotGone');
    }
  }
  return describeError(error);
}
