package org.vigia.registry;

import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

interface OrganizationRepository extends Repository<Organization, Long> {

	Organization save(Organization organization);

	Optional<Organization> findById(Long id);

	Page<Organization> findAll(Pageable pageable);

	Iterable<Organization> findAll();

	@Query("select * from organization where lower(name) = lower(:name)")
	Optional<Organization> findByName(String name);

}
