-- One booking as raw SQL, the same work the API does in one transaction: take the next
-- candidate slot of this pgbench client, check the doctor's open hours and time off in
-- the doctor's zone, check overlaps of doctor and patient (bounded range reads, DESIGN.md
-- pitfall 12), insert the appointment and its email_outbox row. The exclusion constraints
-- stay the authority: a lost race inserts nothing (ON CONFLICT DO NOTHING). The visit is
-- of the doctor's default type (no buffers: its blocked range is the visit). The outbox key
-- `appointment:<id>:booked:patient` is built with chr(58): pgbench reads `:word` as a variable.
BEGIN;
SELECT doctor_id, patient_id, start_time, end_time FROM bench_candidates
 WHERE client_no = :client_id
   AND seq = (SELECT nextval(('bench_seq_' || :client_id)::regclass)) \gset
WITH l AS (
  SELECT u.id, timezone(u.timezone, :start_time::timestamptz) AS ls,
         (extract(epoch FROM :end_time::timestamptz - :start_time::timestamptz) / 60)::int AS dur
    FROM users u WHERE u.id = :doctor_id AND u.role = 'doctor' AND u.approved),
m AS (
  SELECT id, ls::date AS d, extract(dow FROM ls)::int AS dow,
         (extract(hour FROM ls) * 60 + extract(minute FROM ls))::int AS m0, dur FROM l)
SELECT count(*) AS open FROM m
 WHERE EXISTS (SELECT 1 FROM schedule_entries e
                WHERE e.doctor_id = m.id AND e.is_available
                  AND (e.day_of_week = m.dow OR m.d BETWEEN e.date AND e.end_date)
                  AND e.start_minute <= m.m0 AND e.end_minute >= m.m0 + m.dur)
   AND NOT EXISTS (SELECT 1 FROM schedule_entries e
                    WHERE e.doctor_id = m.id AND NOT e.is_available
                      AND (e.day_of_week = m.dow OR m.d BETWEEN e.date AND e.end_date)
                      AND e.start_minute < m.m0 + m.dur AND e.end_minute > m.m0) \gset
SELECT count(*) AS busy FROM appointments
 WHERE status <> 'cancelled'
   AND ((doctor_id = :doctor_id
         AND start_time >= :start_time::timestamptz - interval '4 hours'
         AND start_time < :end_time::timestamptz AND end_time > :start_time::timestamptz)
     OR (patient_id = :patient_id
         AND start_time >= :start_time::timestamptz - interval '4 hours'
         AND start_time < :end_time::timestamptz AND end_time > :start_time::timestamptz)) \gset
\if :open = 1 AND :busy = 0
WITH booked AS (
  INSERT INTO appointments (patient_id, doctor_id, start_time, end_time, status, reason,
                            sequence, created_at, updated_at, visit_type_id,
                            blocked_start, blocked_end)
  SELECT :patient_id, :doctor_id, :start_time::timestamptz, :end_time::timestamptz,
         'scheduled', 'Bench booking', 0, now(), now(), t.id, :start_time::timestamptz,
         :end_time::timestamptz
    FROM visit_types t WHERE t.doctor_id = :doctor_id AND t.is_default
  ON CONFLICT DO NOTHING RETURNING id, patient_id)
INSERT INTO email_outbox (idempotency_key, kind, recipient_id, appointment_id, status,
                          attempts, next_attempt_at, created_at)
SELECT concat_ws(chr(58), 'appointment', id, 'booked', 'patient'), 'appointment_booked',
       patient_id, id,
       'pending', 0, now(), now() FROM booked;
\endif
END;
