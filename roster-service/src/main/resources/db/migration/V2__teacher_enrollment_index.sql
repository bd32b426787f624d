-- The resolve query looks up the (primary) teacher of each student enrollment's class; a class has
-- one or a few teacher enrollments among hundreds of student ones, so without this index every
-- lookup read all of the class's enrollments (measured: ~300 rows read per student enrollment).
create index roster_enrollment_class_teacher on roster_enrollment (sis, class_sourced_id) where role = 'teacher';
