import { z } from 'zod';
import { modelSchema } from './schema';

/** The JSON Schema of a model file, for editors (completion and validation of a custom model). */
export function modelJsonSchema(): unknown {
  return {
    ...z.toJSONSchema(modelSchema, { target: 'draft-7', io: 'input' }),
    title: 'Kubernetes Platforms tier model',
    description: 'The Kubernetes platform tier model and release artifact tables used by k8s-platforms.',
  };
}
