import { z } from 'zod';

/** Response schemas for the OpenAPI document (responses are not validated at run time). */
export const single = <T extends z.ZodType>(data: T) => z.object({ success: z.literal(true), data });

export const cursorPage = <T extends z.ZodType>(item: T) =>
  z.object({
    success: z.literal(true),
    data: z.array(item),
    additional_data: z.object({ next_cursor: z.string().nullable() }),
  });

const Pagination = z.object({
  start: z.number().int(),
  limit: z.number().int(),
  more_items_in_collection: z.boolean(),
  next_start: z.number().int().optional(),
});

export const offsetPage = <T extends z.ZodType>(item: T) =>
  z.object({
    success: z.literal(true),
    data: z.array(item),
    additional_data: Pagination.extend({ pagination: Pagination }),
  });

export const deletedId = <T extends z.ZodType>(id: T) => single(z.object({ id }));

export const ErrorResponse = z
  .object({
    success: z.literal(false),
    error: z.string(),
    code: z.string(),
    errorCode: z.number().int(),
    error_info: z.string(),
    data: z.null(),
    additional_data: z.null(),
  })
  .meta({ id: 'Error' });

/** The error responses every authenticated route can give. */
export const errors = { 400: ErrorResponse, 401: ErrorResponse, 404: ErrorResponse } as const;
