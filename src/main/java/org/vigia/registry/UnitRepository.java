package org.vigia.registry;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

interface UnitRepository extends Repository<Unit, Long> {

	Unit save(Unit unit);

	Optional<Unit> findById(Long id);

	List<Unit> findAllById(Iterable<Long> ids);

	Page<Unit> findAll(Pageable pageable);

	Page<Unit> findByOrganizationId(Long organizationId, Pageable pageable);

	List<Unit> findAll();

	@Query("select * from unit where organization_id = :organizationId and lower(name) = lower(:name)")
	Optional<Unit> findByName(Long organizationId, String name);

}
