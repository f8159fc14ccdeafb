import type { JSX } from 'preact';
import { t } from '../i18n';
import { FlipCameraIcon, TorchIcon } from '../shared/ui/icons';
import type { AgentTools } from './agent-tools';

/**
 * Controls of the customer's camera, each shown only when the customer's phone reports it:
 * flip, torch and zoom. The phone carries out each command and reports its new state.
 */
export function CustomerCameraControls({ tools }: { tools: AgentTools }): JSX.Element | null {
  const capabilities = tools.capabilities.value;
  if (capabilities === null) {
    return null;
  }
  const { zoom } = capabilities;

  return (
    <div class="camera-controls" role="group" aria-label={t('liveTools.cameraControls')}>
      {capabilities.canFlip ? (
        <button type="button" class="button" onClick={() => void tools.command({ action: 'flip' })}>
          <FlipCameraIcon />
          {t('liveTools.flip')}
        </button>
      ) : null}
      {capabilities.torch ? (
        <button
          type="button"
          class="button"
          onClick={() => void tools.command({ action: 'torch', on: !capabilities.torchOn })}
        >
          <TorchIcon />
          {capabilities.torchOn ? t('liveTools.torchOff') : t('liveTools.torchOn')}
        </button>
      ) : null}
      {zoom !== null ? (
        <label class="zoom-control">
          <span>{t('liveTools.zoom')}</span>
          <input
            type="range"
            min={zoom.min}
            max={zoom.max}
            step={zoom.step > 0 ? zoom.step : 'any'}
            value={zoom.value}
            onChange={(event) =>
              void tools.command({ action: 'zoom', value: Number(event.currentTarget.value) })
            }
          />
        </label>
      ) : null}
    </div>
  );
}
