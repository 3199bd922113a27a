import { z } from 'zod';

/** A DNS name or an IPv4 address, or an IPv6 address in brackets: what a Host header names. */
const HOST_NAME =
  /^(?:\[[0-9a-f:.]+\]|[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*)$/i;

/** Options of `nnunet view`, shared by the CLI and library callers of `startViewerServer`. */
export const viewOptionsSchema = z.object({
  image: z.string().optional().describe('image to show (.nii / .nii.gz)'),
  label: z.string().optional().describe('reference label map shown as an overlay'),
  pred: z.string().optional().describe('predicted label map shown as a second overlay'),
  results: z
    .string()
    .optional()
    .describe('results folder: its cases (summary.json, predictions), dataset.json and DLLogger log'),
  port: z.number().int().min(0).max(65535).default(0).describe('port to listen on (0: a free one)'),
  host: z
    .string()
    .min(1)
    .default('127.0.0.1')
    .describe('address to listen on; anything but loopback shows the images to the network (with a warning)'),
  allowHost: z
    .array(
      z
        .string()
        .regex(HOST_NAME, 'expected a host name without port or scheme, e.g. viewer.lan or [fe80::1]'),
    )
    .optional()
    .describe('another name the browser may reach the server by, e.g. an SSH tunnel alias (repeatable)'),
});

export type ViewOptions = z.input<typeof viewOptionsSchema>;
