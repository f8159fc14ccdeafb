/**
 * Page helpers for reading serial numbers in the console: choosing the product line, dragging a
 * "Read serial" box over a part of the customer's video, and creating a product line as admin.
 */
import { computeLayout, frameToElement, productLineSchema } from '@lensdesk/protocol';
import type { NormalizedBox, ProductLine } from '@lensdesk/protocol';
import type { Page } from 'playwright-core';

/** Creates a product line through `POST /api/product-lines` with the admin cookie of `page`. */
export async function createProductLine(
  page: Page,
  body: { name: string; slug: string; serialPattern?: string },
): Promise<ProductLine> {
  const response = await page.request.post('/api/product-lines', { data: body });
  if (response.status() !== 201) {
    throw new Error(
      `POST /api/product-lines returned ${response.status()}: ${await response.text()}`,
    );
  }
  return productLineSchema.parse(await response.json());
}

/**
 * Presses "Read serial" and drags a box over `region` (normalized frame coordinates) of the
 * console's "Customer video", which shows the frame with `object-fit: contain`.
 */
export async function dragReadBox(page: Page, region: NormalizedBox): Promise<void> {
  // Enter the mode first and measure after: the click can scroll the page, which moves the video.
  await page.getByRole('button', { name: 'Read serial' }).click();
  await page.getByRole('button', { name: 'Read serial', pressed: true }).waitFor();

  const video = page.getByLabel('Customer video', { exact: true });
  const measure = await video.evaluate((node) => {
    const media = node as HTMLVideoElement;
    const rect = media.getBoundingClientRect();
    return {
      frameWidth: media.videoWidth,
      frameHeight: media.videoHeight,
      left: rect.left,
      top: rect.top,
      width: media.clientWidth,
      height: media.clientHeight,
    };
  });
  if (measure.frameWidth === 0 || measure.width === 0) {
    throw new Error(`The customer video has no picture yet: ${JSON.stringify(measure)}`);
  }
  const layout = computeLayout({
    frameWidth: measure.frameWidth,
    frameHeight: measure.frameHeight,
    boxWidth: measure.width,
    boxHeight: measure.height,
    fit: 'contain',
  });
  const start = frameToElement({ x: region.x, y: region.y }, layout);
  const end = frameToElement({ x: region.x + region.width, y: region.y + region.height }, layout);

  await page.mouse.move(measure.left + start.x, measure.top + start.y);
  await page.mouse.down();
  await page.mouse.move(measure.left + end.x, measure.top + end.y, { steps: 8 });
  await page.mouse.up();
}
