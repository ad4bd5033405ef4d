import type { OpenAPIObject } from '@nestjs/swagger';
import { TEXT_FIELDS, textRule } from '../features/write/dto-validators.js';

interface PropertySchema {
  description?: string;
}

/** Adds each IsText field's character rule to its description in the generated document (schemas by class name). */
export function describeTextFields(document: OpenAPIObject): OpenAPIObject {
  const schemas = (document.components?.schemas ?? {}) as Record<
    string,
    { properties?: Record<string, PropertySchema> }
  >;
  for (const [dto, fields] of TEXT_FIELDS) {
    const properties = schemas[dto]?.properties;
    if (!properties) continue;
    for (const [name, { multiLine }] of fields) {
      const property = properties[name];
      if (!property) continue;
      const rule = textRule(multiLine);
      if (!property.description?.includes(rule)) {
        property.description = property.description ? `${property.description}. ${rule}` : rule;
      }
    }
  }
  return document;
}
