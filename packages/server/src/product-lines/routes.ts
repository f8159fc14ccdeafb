import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import {
  type ProductLine,
  createProductLineBodySchema,
  labelsBodySchema,
  labelsPerSheet,
  labelsQuerySchema,
  productLineSchema,
  qrPngQuerySchema,
  qrQuerySchema,
  updateProductLineBodySchema,
} from '@lensdesk/protocol';
import { z } from 'zod';
import { requireRole, staffRoles } from '../auth/guard.js';
import type { Clock } from '../clock.js';
import { consoleErrorResponses } from '../http/error-responses.js';
import { type Label, renderLabelSheet } from './labels-pdf.js';
import { qrPng, qrSvg } from './qr-codes.js';
import type { ProductLineService } from './service.js';

const paramsSchema = z.object({ id: z.uuid() });

/** Text under the product line name on every label. */
const labelInstruction = 'Scan for live video support';

/** Sends a generated file inline, under a file name that saving it in the browser keeps. */
function sendFile(reply: FastifyReply, type: string, fileName: string, body: string | Buffer) {
  return reply
    .type(type)
    .header('content-disposition', `inline; filename="${fileName}"`)
    .send(body);
}

/** Product line administration and its QR codes, under `/api/product-lines`. */
export const productLineRoutes: FastifyPluginAsyncZod<{
  productLines: ProductLineService;
  clock: Clock;
}> = async (app, options) => {
  const { productLines } = options;

  const labelSheet = async (
    line: ProductLine,
    serials: readonly string[] | undefined,
    model: string | undefined,
  ) => {
    const labels: Label[] =
      serials === undefined
        ? Array.from({ length: labelsPerSheet }, () => ({
            url: productLines.entryUrl(line, { model }),
            serial: undefined,
          }))
        : serials.map((serial) => ({
            url: productLines.entryUrl(line, { serial, model }),
            serial,
          }));
    return renderLabelSheet({
      productLineName: line.name,
      instruction: labelInstruction,
      displayUrl: productLines.entryUrl(line).replace(/^https?:\/\//, ''),
      labels,
      createdAt: options.clock.now(),
    });
  };

  app.post(
    '/',
    {
      schema: {
        tags: ['product lines'],
        summary: 'Create a product line (admins)',
        body: createProductLineBodySchema,
        response: { 201: productLineSchema, ...consoleErrorResponses },
      },
    },
    async (request, reply) => {
      requireRole(request, ['admin']);
      const line = await productLines.create(request.body);
      request.log.info({ productLineId: line.id, slug: line.slug }, 'product line created');
      return reply.code(201).send(line);
    },
  );

  app.get(
    '/',
    {
      schema: {
        tags: ['product lines'],
        summary: 'List product lines by name',
        response: {
          200: z.object({ productLines: z.array(productLineSchema) }),
          ...consoleErrorResponses,
        },
      },
    },
    async (request) => {
      requireRole(request, staffRoles);
      return { productLines: await productLines.list() };
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags: ['product lines'],
        summary: 'One product line',
        params: paramsSchema,
        response: { 200: productLineSchema, ...consoleErrorResponses },
      },
    },
    async (request) => {
      requireRole(request, staffRoles);
      return productLines.get(request.params.id);
    },
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags: ['product lines'],
        summary: 'Change fields of a product line (admins); null clears a field',
        params: paramsSchema,
        body: updateProductLineBodySchema,
        response: { 200: productLineSchema, ...consoleErrorResponses },
      },
    },
    async (request) => {
      requireRole(request, ['admin']);
      const line = await productLines.update(request.params.id, request.body);
      request.log.info(
        { productLineId: line.id, fields: Object.keys(request.body) },
        'product line updated',
      );
      return line;
    },
  );

  app.get(
    '/:id/qr.svg',
    {
      schema: {
        tags: ['product lines'],
        summary: 'QR code (SVG) of the product line link, optionally with a serial and model',
        params: paramsSchema,
        querystring: qrQuerySchema,
        produces: ['image/svg+xml'],
      },
    },
    async (request, reply) => {
      requireRole(request, staffRoles);
      const line = await productLines.get(request.params.id);
      if (request.query.serial !== undefined) {
        productLines.checkSerials(line, [request.query.serial], 'querystring.serial');
      }

      const svg = await qrSvg(productLines.entryUrl(line, request.query));
      return sendFile(reply, 'image/svg+xml', `${line.slug}-qr.svg`, svg);
    },
  );

  app.get(
    '/:id/qr.png',
    {
      schema: {
        tags: ['product lines'],
        summary: 'QR code (PNG, `size` pixels wide) of the product line link',
        params: paramsSchema,
        querystring: qrPngQuerySchema,
        produces: ['image/png'],
      },
    },
    async (request, reply) => {
      requireRole(request, staffRoles);
      const { size, ...values } = request.query;
      const line = await productLines.get(request.params.id);
      if (values.serial !== undefined) {
        productLines.checkSerials(line, [values.serial], 'querystring.serial');
      }

      const png = await qrPng(productLines.entryUrl(line, values), size);
      return sendFile(reply, 'image/png', `${line.slug}-qr.png`, png);
    },
  );

  app.get(
    '/:id/labels.pdf',
    {
      schema: {
        tags: ['product lines'],
        summary:
          'A4 sheets of 3 × 8 QR code labels: one sheet of identical labels, or one label per `serial`',
        params: paramsSchema,
        querystring: labelsQuerySchema,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      requireRole(request, staffRoles);
      const { serial: serials, model } = request.query;
      const line = await productLines.get(request.params.id);
      if (serials !== undefined) productLines.checkSerials(line, serials, 'querystring.serial');

      const pdf = await labelSheet(line, serials, model);
      return sendFile(reply, 'application/pdf', `${line.slug}-labels.pdf`, pdf);
    },
  );

  app.post(
    '/:id/labels.pdf',
    {
      schema: {
        tags: ['product lines'],
        summary: 'A4 sheets of QR code labels, one per serial, for lists too long for a URL',
        params: paramsSchema,
        body: labelsBodySchema,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      requireRole(request, staffRoles);
      const { serials, model } = request.body;
      const line = await productLines.get(request.params.id);
      productLines.checkSerials(line, serials, 'body.serials');

      const pdf = await labelSheet(line, serials, model);
      request.log.info({ productLineId: line.id, labels: serials.length }, 'label sheet generated');
      return sendFile(reply, 'application/pdf', `${line.slug}-labels.pdf`, pdf);
    },
  );
};
