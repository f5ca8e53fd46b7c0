/** Shapes of the messages endpoints (docs/API.md "Messages"). */
import { type ApiSchema } from "@/lib/api-types";

export type Thread = ApiSchema<"ThreadOut">;

export type ThreadDetail = ApiSchema<"ThreadDetail">;

export type Message = ApiSchema<"MessageOut">;

export type MessagingDoctor = ApiSchema<"MessagingDoctor">;
